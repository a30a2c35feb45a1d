# Ratios, totals of a factor, quantiles with Woodruff intervals, svyciprop, svyvar.
source("common.R")
jk1 <- as.svrepdesign(dclus1, type = "JK1")
cis <- function(key, x) {
  rec(paste0(key), coef(x)); rec(paste0(key, ".se"), SE(x))
}
## svyratio
r <- svyratio(~api.stu, ~enroll, dstrat); show("ratio strat", r); cis("ratio.strat", r)
show("ratio strat confint (t, degf)", confint(r, df = degf(dstrat)))
r <- svyratio(~api.stu, ~enroll, dclus1); show("ratio clus1", r); cis("ratio.clus1", r)
r <- svyby(~api.stu, ~stype, denominator = ~enroll, design = dclus1, svyratio)
show("ratio by stype clus1", r); cis("ratio.by", r)
r <- svyratio(~acs.k3, ~avg.ed, dclus1, na.rm = TRUE); show("ratio with NA", r)
cis("ratio.na", r)
r <- svyratio(~api.stu, ~enroll, jk1); show("ratio JK1", r); cis("ratio.jk1", r)

## totals of a factor
t <- svytotal(~stype, dclus1); show("total stype clus1", t); cis("ftotal.clus1", t)
t <- svytotal(~factor(race), dnhanes); show("total race nhanes", t); cis("ftotal.nhanes", t)
t <- svyby(~stype, ~sch.wide, dclus1, svytotal); show("total stype by sch.wide", t)
# recorded domain by domain (No: E, H, M; Yes: E, H, M)
rec("ftotal.by", t(as.matrix(t[, 2:4]))); rec("ftotal.by.se", t(as.matrix(SE(t))))
t <- svytotal(~stype, jk1); show("total stype JK1", t); cis("ftotal.jk1", t)

## quantiles (R's defaults: qrule = "math", interval.type = "mean", t on degf)
qq <- function(key, x) {
  show(key, x)
  rec(key, coef(x)); rec(paste0(key, ".se"), SE(x))
  ci <- confint(x); rec(paste0(key, ".low"), ci[, 1]); rec(paste0(key, ".high"), ci[, 2])
}
qq("q.clus1", svyquantile(~api00, dclus1, c(0.25, 0.5, 0.75)))
qq("q.strat", svyquantile(~api00, dstrat, c(0.1, 0.5, 0.9)))
qq("q.school", svyquantile(~enroll, dclus1, c(0.25, 0.5), qrule = "school"))
qq("q.ties", svyquantile(~emer, dclus1, c(0.5, 0.9)))
qq("q.ties.school", svyquantile(~emer, dclus1, c(0.5, 0.9), qrule = "school"))
qq("q.na", svyquantile(~avg.ed, dclus1, c(0.5), na.rm = TRUE))
qq("q.nhanes", svyquantile(~agecat, update(dnhanes, agecat = as.numeric(factor(agecat))),
                            c(0.5)))
b <- svyby(~api00, ~stype, dclus1, svyquantile, quantiles = 0.5, vartype = c("se", "ci"))
show("median by stype", b); rec("q.by", coef(b)); rec("q.by.se", SE(b))
rec("q.by.low", b$ci_l); rec("q.by.high", b$ci_u)
qq("q.jk1", svyquantile(~api00, jk1, c(0.5, 0.75)))

## svyciprop
for (m in c("logit", "xlogit", "beta", "mean")) {
  p <- svyciprop(~I(sch.wide == "Yes"), dclus1, method = m)
  show(paste("ciprop", m), p); show("confint", confint(p))
  rec(paste0("ciprop.", m), coef(p)); rec(paste0("ciprop.", m, ".se"), SE(p))
  rec(paste0("ciprop.", m, ".ci"), confint(p))
  p <- svyciprop(~I(awards == "Yes"), dstrat, method = m)
  show(paste("ciprop strat", m), p)
  rec(paste0("ciprop.strat.", m, ".ci"), confint(p))
}
for (m in c("logit", "beta")) {
  b <- svyby(~I(sch.wide == "Yes"), ~stype, dclus1, svyciprop, method = m, vartype = "ci")
  show(paste("ciprop by stype", m), b)
  rec(paste0("ciprop.by.", m), coef(b)); rec(paste0("ciprop.by.", m, ".low"), b[, 3])
  rec(paste0("ciprop.by.", m, ".high"), b[, 4])
}

## svyvar
v <- svyvar(~api00, dclus1); show("svyvar clus1", v); cis("var.clus1", v)
v <- svyvar(~api00, dstrat); show("svyvar strat", v); cis("var.strat", v)
v <- svyvar(~api00, jk1); show("svyvar jk1", v); cis("var.jk1", v)
v <- svyvar(~avg.ed, dclus1, na.rm = TRUE); show("svyvar NA", v); cis("var.na", v)
## normal-quantile intervals (R's confint default for svymean/svytotal/svyratio)
ci <- confint(svymean(~api00, dclus1)); show("confint normal mean", ci); rec("normal.mean", ci)
ci <- confint(svytotal(~stype, dclus1)); show("confint normal factor total", ci)
rec("normal.ftotal", ci)
save_figures("estimators")
