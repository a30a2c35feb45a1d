# Design-based t tests (svyttest), Wald tests of model terms (regTermTest) and GLM
# families poisson / quasipoisson.
source("common.R")
jk1 <- as.svrepdesign(dclus1, type = "JK1")
tt <- function(key, x) {
  show(key, x)
  rec(paste0(key, ".t"), x$statistic); rec(paste0(key, ".df"), x$parameter)
  rec(paste0(key, ".p"), x$p.value); rec(paste0(key, ".estimate"), x$estimate)
  rec(paste0(key, ".ci"), x$conf.int)
}
tt("tt.two", svyttest(api00 ~ sch.wide, dclus1))
tt("tt.strat", svyttest(enroll ~ comp.imp, dstrat))
tt("tt.one", svyttest(I(api00 - 600) ~ 0, dclus1))
tt("tt.jk1", svyttest(api00 ~ sch.wide, jk1))
tt("tt.nhanes", svyttest(HI_CHOL ~ RIAGENDR, update(dnhanes, RIAGENDR = factor(RIAGENDR))))

rt <- function(key, x) {
  show(key, x)
  rec(paste0(key, ".F"), x$Ftest); rec(paste0(key, ".df"), x$df)
  rec(paste0(key, ".ddf"), x$ddf); rec(paste0(key, ".p"), x$p)
}
m1 <- svyglm(api00 ~ ell + meals + stype, design = dstrat)
rt("rt.gauss.stype", regTermTest(m1, ~stype))
rt("rt.gauss.ell", regTermTest(m1, ~ell))
rt("rt.gauss.two", regTermTest(m1, ~ell + meals))
m2 <- svyglm(I(sch.wide == "Yes") ~ ell + stype, design = dclus1, family = quasibinomial)
rt("rt.binom.stype", regTermTest(m2, ~stype))
for (fam in c("poisson", "quasipoisson")) {
  m3 <- suppressWarnings(svyglm(enroll ~ ell + meals + stype, design = dclus1,
                                family = get(fam)))
  show(fam, summary(m3))
  rec(paste0(fam, ".coef"), coef(m3)); rec(paste0(fam, ".se"), SE(m3))
  rt(paste0("rt.", fam, ".stype"), regTermTest(m3, ~stype))
}
m4 <- svyglm(enroll ~ ell + meals, design = jk1, family = quasipoisson)
show("quasipoisson JK1", summary(m4))
rec("qp.jk1.coef", coef(m4)); rec("qp.jk1.se", SE(m4))
save_figures("tests_glm")
