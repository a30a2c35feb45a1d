# Rao-Scott tests for two-way tables: svychisq(statistic = "F" (default) and "Chisq").
source("common.R")
one <- function(key, formula, design) {
  for (s in c("F", "Chisq")) {
    r <- svychisq(formula, design, statistic = s)
    show(paste(key, s), r)
    rec(paste(key, s, "statistic", sep = "."), r$statistic)
    rec(paste(key, s, "p", sep = "."), r$p.value)
    if (s == "F") {
      rec(paste(key, s, "ndf", sep = "."), r$parameter[1])
      rec(paste(key, s, "ddf", sep = "."), r$parameter[2])
    } else {
      rec(paste(key, s, "df", sep = "."), r$parameter[1])
    }
  }
}
one("clus1.schwide_stype", ~sch.wide + stype, dclus1)
one("strat.comp_stype", ~comp.imp + stype, dstrat)
one("strat.stype_awards", ~stype + awards, dstrat)
one("clus2.stype_both", ~stype + both, dclus2)
# nhanes: HI_CHOL has missing values; race (4 levels) by agecat (4 levels)
one("nhanes.race_agecat", ~race + agecat, dnhanes)
one("nhanes.cholesterol_race", ~HI_CHOL + race, dnhanes)
save_figures("chisq")
