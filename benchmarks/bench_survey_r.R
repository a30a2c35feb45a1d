# R's survey package on the benchmark data of bench_survey.py (called by it with the path
# of a CSV it writes): times the new estimators, best of REPEATS, printed as
# "<step> <seconds> <figure>" lines.
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(survey))
REPEATS <- as.integer(if (length(args) > 1) args[2] else 2)
df <- read.csv(args[1])
df$sex <- factor(df$sex); df$dom <- factor(df$dom); df$grp <- factor(df$grp)
best <- function(step, expr_fun) {
  times <- numeric(0); value <- NULL
  for (i in seq_len(REPEATS)) {
    t0 <- proc.time()[["elapsed"]]
    value <- expr_fun()
    times <- c(times, proc.time()[["elapsed"]] - t0)
  }
  cat(step, min(times), "\n")
  invisible(value)
}
d <- best("construct", function() svydesign(id = ~cluster, strata = ~stratum, weights = ~w,
                                           data = df))
set.seed(1)
boot <- best("bootstrap build", function() as.svrepdesign(d, type = "bootstrap",
                                                          replicates = 100))
best("bootstrap mean", function() svymean(~y, boot))
d1 <- svydesign(id = ~vpsu, weights = ~w, data = df)
jk1 <- best("JK1 build", function() as.svrepdesign(d1, type = "JK1"))
best("JK1 mean", function() svymean(~y, jk1))
best("median + CI", function() svyquantile(~y, d, 0.5))
best("Rao-Scott 8x5", function() svychisq(~dom + grp, d))
tot <- c(`(Intercept)` = 1.05 * sum(df$w), sexM = 0.49 * 1.05 * sum(df$w),
         x1 = 1.05 * sum(df$w * df$x1) * 1.02, x2 = 1.05 * sum(df$w * df$x2) * 0.99)
best("linear calibration", function() calibrate(d, ~sex + x1 + x2, tot))
best("ratio", function() svyratio(~y, ~x1, d))
cat("versions", R.version.string, "survey", as.character(packageVersion("survey")), "\n")
