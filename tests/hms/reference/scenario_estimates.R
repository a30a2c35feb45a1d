# Expected figures of the scenarios synthetic_2024 and synthetic_2024_tool_export
# (data/scenarios/hms_training_survey.yaml), computed with R's survey package from each
# respondent file on its own: the contract-layout export, and the survey-tool layout read
# here without the project's mapping (roles expanded to one row per role, labels to codes);
# both with the same enterprise file (data/hms/enterprises_synthetic.csv).
# Weights from the enterprise frame, written from the specification, not from the package:
#   1. enterprise non-response: a_e = d_e * D_h / R_h within the stratum (rake = FALSE), or
#      the taking-part enterprises' base weights raked to the base-weight totals of all
#      sampled enterprises by stratum, by size class and by sector (rake = TRUE, default);
#   2. within the enterprise: w0 = a_e * M_er / m_er, M_er the persons of role r the
#      enterprise reports (blank -> m_er; never below m_er), m_er its respondents of role r;
#   3. class correction per stratum x role: w = w0 * T_hr / S_hr, T_hr = sum of a_e * M_er
#      over taking-part enterprises, S_hr the same over those with a respondent of role r.
# Design: ids = cluster (enterprise), strata = stratum, fpc = stratum_population, the
# weights treated as fixed; svymean(na.rm = TRUE) is the mean over the non-missing.
# Printed: counts, weight sums per role, then estimate and SE of trained and vo40 to
# 10 digits, for the contract and the tool layout, calibrated and uncalibrated.
# Run from this folder:
#   cd tests/hms/reference && Rscript scenario_estimates.R > scenario_estimates.Rout 2>&1
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
root <- "../../../data/hms/"
roles <- c("leader", "employer_tasks", "verneombud", "amu_member")

contract <- function() {
  d <- read.csv(paste0(root, "respondents_synthetic.csv"), colClasses = "character")
  data.frame(stratum = d$stratum, cluster = d$cluster, N = as.numeric(d$stratum_population),
             bw = as.numeric(d$base_weight), size_class = d$size_class, role = d$role,
             respondent = d$response_status == "respondent",
             t1 = d$trained_employer_3_5, t2 = d$trained_40h_course, t3 = d$trained_other,
             hours = d$training_hours, agreed = d$shortened_by_agreement,
             documented = d$documented, self_study = d$self_study_only,
             format = d$training_format, employees = as.numeric(d$employees),
             entity_employees = as.numeric(d$legal_entity_employees),
             stringsAsFactors = FALSE)
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
               agreed = yn(x[["Er partene enige om kortere opplæring enn 40 timer?"]]),
               stringsAsFactors = FALSE)
  })
  do.call(rbind, parts)
}

enterprises <- function() {
  e <- read.csv(paste0(root, "enterprises_synthetic.csv"), colClasses = "character")
  e$d <- as.numeric(e$base_weight)
  e$part <- e$enterprise_response == "respondent"
  e
}

# Step 1: a_e for the taking-part enterprises (named by cluster). With the register's
# totals in the enterprise file (size_class_population, sector_population), step 1 adjusts
# within strata and step 4 below calibrates to the register.
enterprise_weights <- function(e, rake) {
  tp <- e[e$part, ]
  if (!is.null(e$size_class_population)) rake <- FALSE
  if (!rake) {
    D <- tapply(e$d, e$stratum, sum)
    R <- tapply(tp$d, tp$stratum, sum)
    a <- tp$d * D[tp$stratum] / R[tp$stratum]
  } else {
    margin <- function(v) {
      m <- aggregate(as.formula(paste("d ~", v)), data = e, FUN = sum)
      names(m)[2] <- "Freq"
      m
    }
    des <- svydesign(ids = ~1, strata = ~stratum, weights = ~d, data = tp)
    raked <- rake(des, list(~stratum, ~size_class, ~sector),
                  list(margin("stratum"), margin("size_class"), margin("sector")),
                  control = list(epsilon = 1e-10, maxit = 200, verbose = FALSE))
    a <- weights(raked)
    # the margins are met (rake() stops when a sweep changes no cell of the
    # stratum x size class x sector table by more than epsilon x the weight total; at 1e-10
    # the weights are within about 4e-9 of the limit)
    for (v in c("stratum", "size_class", "sector")) {
      got <- tapply(a, tp[[v]], sum)
      want <- tapply(e$d, e[[v]], sum)
      stopifnot(max(abs(got[names(want)] / want - 1)) < 1e-8)
    }
  }
  setNames(as.numeric(a), tp$cluster)
}

estimate <- function(name, d, e, rake) {
  label <- paste(name, if (rake) "calibrated" else "uncalibrated")
  r <- d[d$respondent, ]
  tp <- e[e$part, ]
  stopifnot(all(r$cluster %in% tp$cluster))  # every respondent is in a taking-part enterprise
  a <- enterprise_weights(e, rake)
  # Steps 2 and 3, role by role over the taking-part enterprises.
  r$w <- NA_real_
  reported_total <- 0
  for (role in roles) {
    m <- table(factor(r$cluster[r$role == role], levels = tp$cluster))
    m <- as.numeric(m[tp$cluster])
    M <- suppressWarnings(as.numeric(tp[[paste0("reported_", role)]]))
    M[is.na(M)] <- m[is.na(M)]
    M <- pmax(M, m)
    reported_total <- reported_total + sum(M)
    aM <- a[tp$cluster] * M
    T <- tapply(aM, tp$stratum, sum)
    S <- tapply(aM * (m > 0), tp$stratum, sum)
    gap <- names(T)[T > 0 & S == 0]
    cat(label, role, "persons_reported", sum(M), "strata_with_T>0_and_S=0", length(gap), "\n")
    stopifnot(length(gap) == 0)
    w0 <- (aM / m)[m > 0]                         # a_e * M_er / m_er, per enterprise
    names(w0) <- tp$cluster[m > 0]
    rows <- r$role == role
    r$w[rows] <- w0[r$cluster[rows]] * (T / S)[r$stratum[rows]]
    cat(label, role, "sum_weights", sprintf("%.6f", sum(r$w[rows])),
        "sum_a_M", sprintf("%.6f", sum(aM)), "\n")
  }
  stopifnot(!anyNA(r$w))
  cat(label, "enterprises_sampled", nrow(e), "taking_part", nrow(tp),
      "respondents", nrow(r), "persons_reported", reported_total,
      "sum_weights", sprintf("%.6f", sum(r$w)), "\n")

  items <- cbind(r$t1, r$t2, r$t3)
  none_answered <- rowSums(items != "") == 0
  r$trained <- ifelse(none_answered, NA, as.numeric(rowSums(items == "1") > 0))
  untrained <- rowSums(items == "0") == 3
  h <- suppressWarnings(as.numeric(r$hours))
  h[is.na(h) & untrained] <- 0
  r$vo40 <- ifelse(r$role %in% c("verneombud", "amu_member") & !is.na(h),
                   as.numeric(h >= 40), NA)
  # neither 40 hours nor a shorter training agreed by the parties (forskrift om
  # organisering, ledelse og medvirkning § 3-19): below 40 hours (no training is 0 hours)
  # and not (some hours and agreed); missing when the hours, or for 0 < hours < 40 the
  # agreement answer, are missing.
  ag <- suppressWarnings(as.numeric(r$agreed))
  agreed_short <- ifelse(is.na(h), NA, ifelse(h >= 40 | h <= 0, 0, ag))
  r$neither <- ifelse(r$role %in% c("verneombud", "amu_member") & !is.na(h) &
                        !is.na(agreed_short),
                      1 - as.numeric(h >= 40) - agreed_short, NA)
  des <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~w, fpc = ~N, data = r)
  if (rake && !is.null(e$size_class_population)) {
    # Step 4: calibration to the register's establishments by stratum, size class and
    # sector, through the top leaders (one per establishment): for each category k, on
    # every row of enterprise e, x_k = (weights of e's top leaders in k) / (weights of
    # all e's rows); calibrate(aggregate.stage = 1) averages x and the weights within the
    # enterprise, so everyone in it gets the same factor, and the leaders' weights add up
    # to the register's totals. Columns that add nothing to those before them (a size
    # class within one stratum's size group) are left out, in the order stratum, size
    # class, sector.
    ereg <- e[!duplicated(e$cluster), ]
    rownames(ereg) <- ereg$cluster
    r$lw <- ifelse(r$role == "leader", r$w, 0)
    W <- tapply(r$w, r$cluster, sum)
    X <- NULL
    pop <- NULL
    for (v in c("stratum", "size_class", "sector")) {
      key <- ereg[r$cluster, v]
      tot <- tapply(as.numeric(ereg[[paste0(if (v == "stratum") "stratum" else v,
                                            "_population")]]), ereg[[v]], function(x) x[1])
      for (k in sort(unique(key[r$lw > 0]))) {
        col <- tapply(ifelse(key == k, r$lw, 0), r$cluster, sum) / W
        xk <- as.numeric(col[r$cluster])
        trial <- cbind(X, xk)
        if (qr(trial)$rank > NCOL(X) || is.null(X)) {
          X <- trial
          colnames(X)[NCOL(X)] <- paste0("x", NCOL(X))
          pop <- c(pop, tot[[k]])
        }
      }
    }
    names(pop) <- colnames(X)
    r <- cbind(r, X)
    des <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~w, fpc = ~N, data = r)
    des <- calibrate(des, as.formula(paste("~", paste(colnames(X), collapse = "+"), "- 1")),
                     population = pop, calfun = "raking", aggregate.stage = 1,
                     epsilon = 1e-10, maxit = 100)
    r$w <- weights(des)
    cat(label, "register_calibration columns", NCOL(X), "leaders", sprintf("%.6f",
        sum(r$w[r$role == "leader"])), "all", sprintf("%.6f", sum(r$w)), "\n")
  }
  # the headline with its logit interval (svyciprop(method = "logit"), as the package's
  # Design.proportion(method = "logit")): the overall row of an indicator that is missing
  # outside its domain takes the whole design's degrees of freedom, as share_ci.R does
  m <- svymean(~neither, des, na.rm = TRUE)
  if (rake && !is.null(e$size_class_population)) {
    # svyglm on a subset of a design calibrated with aggregate.stage stops in R 4.1.1's
    # qr.resid; the logit interval is then written out: svyciprop(method = "logit") is
    # the intercept of a quasibinomial svyglm, whose SE is SE(p) / (p (1 - p))
    p <- coef(m)[[1]]
    half <- qt(0.975, degf(des)) * SE(m)[[1]] / (p * (1 - p))
    ci <- plogis(qlogis(p) + c(-half, half))
  } else {
    dom <- subset(des, !is.na(r$neither))
    ci <- confint(svyciprop(~I(neither == 1), dom, method = "logit", df = degf(des)))
  }
  cat(label, "neither", sprintf("%.10f", coef(m)), "se", sprintf("%.10f", SE(m)),
      "ci", sprintf("%.10f", ci[1]), sprintf("%.10f", ci[2]),
      "n", sum(!is.na(r$neither)), "\n")
  # Employer duties over legal entities (analysis/hms/employer_unit.py, written here from
  # its docstring): a top leader's weight times theta = employees / legal_entity_employees
  # (the generalised weight share method); documented § 3-5 training: 0 if the employer
  # training item is 0, the documented answer if it is 1, missing otherwise.
  if (!is.null(r$entity_employees)) {
    leader <- r$role == "leader"
    theta <- ifelse(leader & r$employees > 0 & r$entity_employees >= r$employees,
                    r$employees / r$entity_employees, 1)
    r$we <- r$w * theta
    doc <- suppressWarnings(as.numeric(r$documented))
    r$doc35 <- ifelse(leader, ifelse(r$t1 == "0", 0, ifelse(r$t1 == "1", doc, NA)), NA)
    dese <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~we, fpc = ~N, data = r)
    m <- svymean(~doc35, dese, na.rm = TRUE)
    cat(label, "legal_entities", sprintf("%.6f", sum(r$we[leader])),
        "documented_3_5", sprintf("%.10f", coef(m)), "se", sprintf("%.10f", SE(m)),
        "n", sum(!is.na(r$doc35)), "\n")
    # The register's legal entities per stratum (stratum_legal_entities; each legal entity
    # in the stratum of its own size, legal_entity_stratum): the top leaders' weights
    # raked to them, other rows unchanged (their calibration columns are 0).
    ereg <- e[!duplicated(e$cluster), ]
    rownames(ereg) <- ereg$cluster
    L <- tapply(as.numeric(ereg$stratum_legal_entities), ereg$stratum, function(x) x[1])
    own <- ereg[r$cluster, "legal_entity_stratum"]
    le <- sapply(names(L), function(k) as.numeric(leader & own == k))
    colnames(le) <- paste0("le", seq_along(L))
    r2 <- cbind(r, le)
    dese <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~we, fpc = ~N, data = r2)
    cale <- calibrate(dese, as.formula(paste("~", paste(colnames(le), collapse = "+"), "- 1")),
                      population = setNames(as.numeric(L), colnames(le)), calfun = "raking",
                      epsilon = 1e-10, maxit = 100)
    cat(label, "register_legal_entities", sum(L), "leaders_weight",
        sprintf("%.6f", sum(weights(cale)[leader])), "\n")
    for (v in c("doc35")) {
      m <- svymean(~doc35, cale, na.rm = TRUE)
      cat(label, "entities_calibrated documented_3_5", sprintf("%.10f", coef(m)), "se",
          sprintf("%.10f", SE(m)), "\n")
    }
    # Only self-study, split by the latest training (analysis/hms/indicators.py, written
    # here from its docstring): among top leaders, 0 if not trained (no training item 1,
    # one answered), else the self_study_only answer; when that is 1, the unstructured
    # self-study share is 1 unless the latest training was an e-learning course
    # (training_format online_self_study), and the e-learning share is 1 only then; missing
    # when an answer needed is missing. Over the same calibrated legal-entity design.
    tr <- suppressWarnings(as.numeric(r$trained))
    self <- suppressWarnings(as.numeric(r$self_study))
    el <- ifelse(r$format == "", NA, as.numeric(r$format == "online_self_study"))
    only <- ifelse(is.na(tr), NA, ifelse(tr == 0, 0, self))
    cale <- update(cale,
                   selfonly = ifelse(leader, ifelse(!is.na(only) & only == 1, 1 - el, only),
                                     NA),
                   elonly = ifelse(leader, ifelse(!is.na(only) & only == 1, el, only), NA))
    for (v in c("selfonly", "elonly")) {
      m <- svymean(as.formula(paste0("~", v)), cale, na.rm = TRUE)
      cat(label, "entities_calibrated", v, sprintf("%.10f", coef(m)), "se",
          sprintf("%.10f", SE(m)), "n", sum(!is.na(cale$variables[[v]])), "\n")
    }
  }
  for (v in c("trained", "vo40")) {
    m <- svymean(as.formula(paste0("~", v)), des, na.rm = TRUE)
    cat(label, v, sprintf("%.10f", coef(m)), "se", sprintf("%.10f", SE(m)),
        "n", sum(!is.na(r[[v]])), "\n")
    # na.rm = TRUE is a domain estimate: the subset keeps every PSU and stratum of the
    # design (rows dropped get weight 0, not removed), so the SE equals that of the ratio
    # of (x with NA as 0) to (non-missing indicator) on the full design, printed as
    # check_ratio. degf() of the subset counts only the PSUs with a non-missing value
    # (it is used for t intervals only, not in the SE).
    r$x0 <- ifelse(is.na(r[[v]]), 0, r[[v]])
    r$ok <- as.numeric(!is.na(r[[v]]))
    des2 <- update(des, x0 = r$x0, ok = r$ok)
    q <- svyratio(~x0, ~ok, des2)
    sub <- des[!is.na(r[[v]]), ]
    cat(label, v, "check_ratio", sprintf("%.10f", coef(q)), "se", sprintf("%.10f", SE(q)),
        "psu_full", length(unique(des$cluster[, 1])), "degf_full", degf(des),
        "degf_subset", degf(sub), "\n")
  }
}

e <- enterprises()
for (rk in c(TRUE, FALSE)) {
  estimate("contract", contract(), e, rk)
  estimate("tool", tool(), e, rk)
}
