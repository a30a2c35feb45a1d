# Reference for tests/hms/test_group_tests.py: R survey 4.x, svychisq (Rao-Scott F).
# gt_frame.csv = weighting.make_design(indicator_variables(make_frame(20240122))).data
# written with to_csv(index=False) (make_frame: tests/hms/conftest.py; the final weights in
# `weight`). Run: Rscript group_tests.R
library(survey)
options(survey.lonely.psu = "adjust")
d <- read.csv("gt_frame.csv", colClasses = c(cluster = "character", stratum = "character"))
d$role_vo <- ifelse(is.na(d$share_verneombud_40h), NA, d$role)
des <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, fpc = ~stratum_population, data = d)
for (f in c("~share_trained+role", "~share_applicable+role", "~share_verneombud_40h+role_vo")) {
  r <- svychisq(as.formula(f), des, statistic = "F")
  cat(f, sprintf("%.10f", r$statistic), sprintf("%.10f", r$parameter), sprintf("%.12g", r$p.value), "\n")
}
