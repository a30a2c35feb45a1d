# Expected figures of the scenarios synthetic_2024 and synthetic_2024_tool_export
# (data/scenarios/hms_training_survey.yaml), computed with R's survey package from each
# file on its own: the contract-layout export, and the survey-tool layout read here
# without the project's mapping (roles expanded to one row per role, labels to codes).
# Weights: base weight times (base weights of all sampled / of respondents) within the
# stratum, then raked to the sample's base-weight totals by size class and by role
# (docs/hms.md, "Weighting"). Run from this folder:
#   Rscript scenario_estimates.R > scenario_estimates.Rout 2>&1
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
root <- "../../../data/hms/"

contract <- function() {
  d <- read.csv(paste0(root, "respondents_synthetic.csv"), colClasses = "character")
  data.frame(stratum = d$stratum, cluster = d$cluster, N = as.numeric(d$stratum_population),
             bw = as.numeric(d$base_weight), size_class = d$size_class, role = d$role,
             respondent = d$response_status == "respondent",
             t1 = d$trained_employer_3_5, t2 = d$trained_40h_course, t3 = d$trained_other,
             hours = d$training_hours, stringsAsFactors = FALSE)
}

tool <- function() {
  d <- read.csv(paste0(root, "respondents_synthetic_tool.csv"), colClasses = "character",
                check.names = FALSE)
  yn <- function(x) ifelse(x == "Ja", "1", ifelse(x == "Nei", "0", ""))
  size <- c("1–4 ansatte" = "1-4", "5–9 ansatte" = "5-9", "10–19 ansatte" = "10-19",
            "20–49 ansatte" = "20-49", "50–99 ansatte" = "50-99",
            "100–249 ansatte" = "100-249", "250 ansatte eller flere" = "250+")
  roles <- c("Rolle: Øverste leder" = "leader",
             "Rolle: Arbeidstaker med arbeidsgiveroppgaver" = "employer_tasks",
             "Rolle: Verneombud" = "verneombud", "Rolle: Medlem av AMU" = "amu_member")
  parts <- lapply(names(roles), function(col) {
    x <- d[d[[col]] == "Valgt", ]
    data.frame(stratum = x$Stratum, cluster = x$Virksomhet,
               N = as.numeric(x[["Virksomheter i stratum"]]),
               bw = as.numeric(x$Designvekt), size_class = unname(size[x[["Antall ansatte"]]]),
               role = roles[[col]], respondent = x$Status != "Ikke svart",
               t1 = yn(x[["Har du gjennomført arbeidsgivers HMS-opplæring?"]]),
               t2 = yn(x[["Har du gjennomført 40-timerskurs for verneombud og AMU?"]]),
               t3 = yn(x[["Har du gjennomført annen HMS-opplæring?"]]),
               hours = x[["Hvor mange timer HMS-opplæring har du i alt?"]],
               stringsAsFactors = FALSE)
  })
  do.call(rbind, parts)
}

estimate <- function(name, d) {
  cat(name, "sampled", nrow(d), "respondents", sum(d$respondent),
      "response_rate", sprintf("%.10f", mean(d$respondent)), "\n")
  adj <- tapply(d$bw, d$stratum, sum) / tapply(d$bw * d$respondent, d$stratum, sum)
  r <- d[d$respondent, ]
  r$w <- r$bw * adj[r$stratum]
  items <- cbind(r$t1, r$t2, r$t3)
  none_answered <- rowSums(items != "") == 0
  r$trained <- ifelse(none_answered, NA, as.numeric(rowSums(items == "1") > 0))
  untrained <- rowSums(items == "0") == 3
  h <- suppressWarnings(as.numeric(r$hours))
  h[is.na(h) & untrained] <- 0
  r$vo40 <- ifelse(r$role %in% c("verneombud", "amu_member") & !is.na(h),
                   as.numeric(h >= 40), NA)
  des <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~w, fpc = ~N, data = r)
  pop_size <- aggregate(bw ~ size_class, data = d, FUN = sum)
  pop_role <- aggregate(bw ~ role, data = d, FUN = sum)
  names(pop_size)[2] <- names(pop_role)[2] <- "Freq"
  raked <- rake(des, list(~size_class, ~role), list(pop_size, pop_role),
                control = list(maxit = 200, epsilon = 1e-9, verbose = FALSE))
  for (v in c("trained", "vo40")) {
    m <- svymean(as.formula(paste0("~", v)), raked, na.rm = TRUE)
    cat(name, v, sprintf("%.10f", coef(m)), "se", sprintf("%.10f", SE(m)), "\n")
  }
}

estimate("contract", contract())
estimate("tool", tool())
