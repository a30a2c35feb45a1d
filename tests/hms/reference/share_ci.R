# Reference for tests/hms/test_indicators.py::test_share_intervals_match_r: R survey,
# svyciprop(method = "logit") overall and svyby(..., svyciprop) by domain (the domain's own
# degrees of freedom), the interval the HMS indicators take from analysis.survey.
# share_ci_frame.csv = the respondents of weighting.make_design(indicator_variables(
# make_frame(20240122))) (tests/hms/conftest.py), the final weights in `weight`.
# Run: Rscript share_ci.R > share_ci.Rout 2>&1
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
d <- read.csv("share_ci_frame.csv", colClasses = c(cluster = "character", stratum = "character"))
des <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight,
                 fpc = ~stratum_population, data = d)
show <- function(indicator, group, category, r) {
  ci <- confint(r)
  cat(indicator, group, category, sprintf("%.12g", as.numeric(coef(r))),
      sprintf("%.12g", ci[1]), sprintf("%.12g", ci[2]), "\n")
}
for (y in c("share_trained", "share_applicable", "share_verneombud_40h")) {
  f <- as.formula(paste0("~I(", y, " == 1)"))
  show(y, "all", "all", svyciprop(f, des, method = "logit", df = degf(des)))
  by <- if (y == "share_verneombud_40h") "sector" else "role"
  for (v in sort(unique(d[[by]][!is.na(d[[y]])]))) {
    dom <- subset(des, d[[by]] == v)
    show(y, by, v, svyciprop(f, dom, method = "logit", df = degf(dom)))
  }
}
