# Calibration beyond raking: linear (GREG) with categorical and continuous auxiliaries,
# bounded linear, raking and bounded logit calfun, trimWeights (examples of ?calibrate and
# ?trimWeights).
source("common.R")
pop.totals <- c(`(Intercept)` = 6194, stypeH = 755, stypeM = 1018)
out <- function(key, d) {
  m <- svymean(~api00, d); show(paste(key, "mean api00"), m)
  rec(paste0(key, ".mean"), coef(m)); rec(paste0(key, ".mean.se"), SE(m))
  t <- svytotal(~enroll, d); show(paste(key, "total enroll"), t)
  rec(paste0(key, ".total"), coef(t)); rec(paste0(key, ".total.se"), SE(t))
  s <- svytotal(~stype, d); rec(paste0(key, ".stype"), coef(s))
  rec(paste0(key, ".stype.se"), SE(s))
  a <- svytotal(~api99, d); rec(paste0(key, ".api99"), coef(a))
  w <- weights(d); rec(paste0(key, ".wsum"), sum(w)); rec(paste0(key, ".wmin"), min(w))
  rec(paste0(key, ".wmax"), max(w))
  show(paste(key, "weights"), summary(w))
}
g1 <- calibrate(dclus1, ~stype, pop.totals); out("lin.stype", g1)
g2 <- calibrate(dclus1, ~stype + sch.wide, c(pop.totals, sch.wideYes = 5122))
out("lin.schwide", g2)
g3 <- calibrate(dclus1, ~stype + api99, c(pop.totals, api99 = 3914069)); out("lin.api99", g3)
g3b <- calibrate(dclus1, ~stype + api99, c(pop.totals, api99 = 3914069), bounds = c(0.6, 1.6))
out("lin.bounded", g3b)
show("range g", range(weights(g3b) / weights(dclus1)))
g3c <- calibrate(dclus1, ~stype + api99, c(pop.totals, api99 = 3914069), calfun = "raking")
out("raking", g3c)
g3d <- calibrate(dclus1, ~stype + api99, c(pop.totals, api99 = 3914069), calfun = "logit",
                 bounds = c(0.7, 1.7))
out("logit", g3d)
show("range g logit", range(weights(g3d) / weights(dclus1)))
# whole clusters calibrated (aggregate.stage = 1: x and the weights averaged within each
# district, the same factor for every school of a district), linear and raking
g4 <- calibrate(dclus1, ~stype + api99, c(pop.totals, api99 = 3914069), aggregate.stage = 1)
out("agg.linear", g4)
g5 <- calibrate(dclus1, ~stype + api99, c(pop.totals, api99 = 3914069), aggregate.stage = 1,
                calfun = "raking")
out("agg.raking", g5)
show("g constant within districts", tapply(weights(g5) / weights(dclus1), dclus1$cluster[, 1],
                                          function(g) diff(range(g))))
# stratified design, continuous auxiliary only (population size and total of api99)
gs <- calibrate(dstrat, ~api99, c(`(Intercept)` = 6194, api99 = 3914069)); out("strat", gs)
# trimWeights after calibration (?trimWeights) and on a plain design
t1 <- trimWeights(g3, lower = 20, upper = 45); out("trim", t1)
t2 <- trimWeights(g3, lower = 20, upper = 45, strict = TRUE); out("trim.strict", t2)
t3 <- trimWeights(dstrat, upper = 40); out("trim.plain", t3)
save_figures("calibration")
