# Export R survey package example data sets to CSV (run from this folder):
#   Rscript export_data.R
# Writes data/<name>.csv. Factors are written as their labels, NA as "NA".
suppressMessages(library(survey))
sets <- c("api", "nhanes", "yrbs", "scd", "mu284", "fpc", "hospital", "election")
for (d in sets) {
  e <- new.env()
  data(list = d, envir = e)
  for (n in ls(e)) {
    x <- get(n, e)
    if (is.data.frame(x)) {
      write.csv(x, file.path("data", paste0(n, ".csv")), row.names = FALSE, na = "NA")
    } else if (is.matrix(x)) {
      write.csv(as.data.frame(x), file.path("data", paste0(n, ".csv")), row.names = FALSE)
    }
  }
}
cat("survey", as.character(packageVersion("survey")), R.version.string, "\n")
