# Multistage designs with an fpc at each stage; lonely PSU rules.
source("common.R")
est <- function(key, d, vars = c("api00")) {
  m <- svymean(~api00, d); show(paste(key, "mean"), m)
  rec(paste0(key, ".mean"), coef(m)); rec(paste0(key, ".mean.se"), SE(m))
  t <- svytotal(~enroll, d, na.rm = TRUE); show(paste(key, "total"), t)
  rec(paste0(key, ".total"), coef(t)); rec(paste0(key, ".total.se"), SE(t))
  p <- svymean(~stype, d); rec(paste0(key, ".prop.se"), SE(p))
  b <- svyby(~api00, ~stype, d, svymean); rec(paste0(key, ".by.se"), SE(b))
  r <- svyratio(~api.stu, ~enroll, d, na.rm = TRUE); rec(paste0(key, ".ratio.se"), SE(r))
  rec(paste0(key, ".degf"), degf(d))
}
# two stages, weights from the fpcs (R's ?svydesign example)
est("clus2", dclus2)
g <- svyglm(api00 ~ ell + meals, design = dclus2); show("clus2 glm", summary(g))
rec("clus2.glm.se", SE(g))
cs <- svychisq(~stype + both, dclus2); show("clus2 chisq", cs)
rec("clus2.chisq.F", cs$statistic); rec("clus2.chisq.p", cs$p.value)
rec("clus2.chisq.ndf", cs$parameter[1]); rec("clus2.chisq.ddf", cs$parameter[2])
# the same with the sampling weights given
dclus2w <- svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, weights = ~pw, data = apiclus2)
est("clus2w", dclus2w)
# mu284 (Sarndal et al.): two stages
mu284 <- rd("mu284")
dmu <- svydesign(id = ~id1 + id2, fpc = ~n1 + n2, data = mu284)
m <- svymean(~y1, dmu); t <- svytotal(~y1, dmu); show("mu284", m); show("mu284", t)
rec("mu.mean", coef(m)); rec("mu.mean.se", SE(m)); rec("mu.total", coef(t))
rec("mu.total.se", SE(t))
# stratified two-stage: strata ESA? no -- fpc example data (single stage, nest)
fpcd <- rd("fpc")
dfpc <- svydesign(ids = ~psuid, strata = ~stratid, fpc = ~Nh, variables = ~x, data = fpcd,
                  nest = TRUE)
m <- svymean(~x, dfpc); show("fpc data", m); rec("fpc.mean", coef(m)); rec("fpc.mean.se", SE(m))

# lonely PSU: apistrat clustered by district, the high schools cut to one district
lon <- apistrat[apistrat$stype != "H" | apistrat$dnum == apistrat$dnum[apistrat$stype == "H"][1], ]
write.csv(lon, "data/apistrat_lonely.csv", row.names = FALSE)
for (rule in c("remove", "certainty", "average", "adjust")) {
  options(survey.lonely.psu = rule)
  d <- svydesign(id = ~dnum, strata = ~stype, weights = ~pw, data = lon, nest = TRUE)
  m <- svymean(~api00, d); t <- svytotal(~enroll, d)
  show(paste("lonely", rule), m); show(paste("lonely", rule), t)
  rec(paste0("lonely.", rule, ".mean.se"), SE(m)); rec(paste0("lonely.", rule, ".total.se"), SE(t))
}
options(survey.lonely.psu = "fail")
save_figures("multistage")
