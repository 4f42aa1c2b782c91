# Reference values for the outcome statistics (io.demandloop.shared.outcome.stats), computed with R itself.
#
# Regenerate (from the repository root; needs R with the survival package, e.g. Debian r-base-core and
# r-cran-survival):
#
#   Rscript shared/stats/src/test/resources/outcome/reference.R
#
# It writes the CSV files beside itself (rate_ratio.csv, kaplan_meier.csv, hodges_lehmann.csv, did.csv) and
# R_VERSION.txt; commit them together. CI has no R: the JUnit parity tests (*ParityTest in
# shared/stats/src/test/java/io/demandloop/shared/stats/) read the committed files. Numbers are written with 17
# significant digits, so each double round-trips exactly; vectors inside a cell are separated by ';'; R's NA, NaN,
# Inf are written as NA, NaN, Inf.
#
# Tolerances the tests apply: relative 1e-9 for the exact rate-ratio test (p-values and bounds), 1e-6 for
# Kaplan-Meier, Hodges-Lehmann and the Poisson GLM.

suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
out <- if (length(script) == 1) dirname(normalizePath(script)) else "."

num <- function(v) {
  vapply(v, function(e) {
    if (is.na(e) && !is.nan(e)) "NA" else if (is.nan(e)) "NaN" else if (is.infinite(e)) (if (e > 0) "Inf" else "-Inf")
    else sprintf("%.17g", e)
  }, "")
}
vec <- function(v) paste(num(v), collapse = ";")
write_out <- function(df, name) {
  write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)
}

writeLines(c(R.version.string, paste("survival", as.character(packageVersion("survival")))),
           file.path(out, "R_VERSION.txt"))

## 1. Rate ratio: poisson.test(c(x1, x2), c(t1, t2), conf.level) -------------------------------------------------
# A grid of counts from 0 to 1,000, equal and unequal exposures (days), two confidence levels.
counts <- c(0, 1, 2, 3, 4, 5, 7, 10, 12, 15, 20, 30, 47, 50, 100, 200, 333, 500, 1000)
exposures <- list(c(84, 84), c(84, 70), c(30.5, 84), c(1, 365), c(77.25, 84))
rows <- list()
for (e in exposures) for (x1 in counts) for (x2 in counts) for (cl in c(0.95, 0.9)) {
  r <- poisson.test(c(x1, x2), c(e[1], e[2]), conf.level = cl)
  rows[[length(rows) + 1]] <- data.frame(x1 = x1, t1 = num(e[1]), x2 = x2, t2 = num(e[2]), conf = num(cl),
    estimate = num(unname(r$estimate)), lower = num(r$conf.int[1]), upper = num(r$conf.int[2]),
    p = num(r$p.value))
}
write_out(do.call(rbind, rows), "rate_ratio.csv")

## 2. Kaplan-Meier: quantile(survfit(Surv(time, event) ~ 1, conf.int = conf), probs, conf.int = TRUE) -------------
# Defaults: Greenwood variance, conf.type "log". Cases: no censoring, ties, heavy censoring, a median R reports as NA,
# a flat stretch exactly at the quantile (midpoint rule), a flat end at the quantile (last-point rule), all censored,
# one observation, and random durations (log-normal hours, censored at a cut-off) of several sizes.
set.seed(20261206)
km_cases <- list(
  list(name = "no-censoring", time = c(3, 1, 4, 1.5, 5, 9, 2.6, 5.3, 5.8, 9.7), event = rep(1, 10)),
  list(name = "flat-at-median", time = c(1, 2, 3, 4), event = c(1, 1, 1, 1)),
  list(name = "flat-end-at-p90", time = c(1:9, 12), event = c(rep(1, 9), 0)),
  list(name = "ties", time = c(2, 2, 2, 4, 4, 6, 6, 6, 6, 8, 10, 10), event = c(1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1)),
  list(name = "median-NA", time = c(1, 2, 3, 5, 8, 8, 8, 8, 8, 8), event = c(1, 0, 1, 0, 0, 0, 0, 0, 0, 0)),
  list(name = "upper-NA", time = c(1, 2, 3, 4, 5, 6, 7), event = c(1, 1, 0, 1, 0, 1, 0)),
  list(name = "all-censored", time = c(5, 6, 7), event = c(0, 0, 0)),
  list(name = "one", time = c(4.5), event = c(1)),
  list(name = "ends-at-zero", time = c(1, 2, 2, 3, 4, 5), event = c(1, 1, 0, 1, 1, 1)),
  list(name = "zero-time", time = c(0, 0, 1, 2, 3, 3, 4), event = c(1, 0, 1, 1, 1, 0, 1))
)
for (n in c(15, 40, 120, 400)) {
  for (censored in c(0.1, 0.6, 0.85)) {
    hours <- round(rlnorm(n, log(20), 1.1), 2)
    # opened at a uniform point of a 84-day window; still open at the cut-off when beyond it (heavy censoring by
    # raising the share with a shorter cut-off)
    cutoff <- quantile(hours, 1 - censored, names = FALSE)
    time <- pmin(hours, cutoff * runif(n, 0.8, 1.2))
    event <- as.numeric(hours <= time)
    km_cases[[length(km_cases) + 1]] <- list(name = sprintf("lognormal-n%d-c%.2f", n, censored),
                                             time = round(time, 2), event = event)
  }
}
rows <- list()
for (case in km_cases) for (cl in c(0.95, 0.9)) {
  fit <- survfit(Surv(case$time, case$event) ~ 1, conf.int = cl)
  q <- quantile(fit, c(0.5, 0.9), conf.int = TRUE)
  for (k in 1:2) {
    rows[[length(rows) + 1]] <- data.frame(name = case$name, time = vec(case$time), event = vec(case$event),
      conf = num(cl), p = num(c(0.5, 0.9)[k]), quantile = num(unname(q$quantile[k])),
      lower = num(unname(q$lower[k])), upper = num(unname(q$upper[k])))
  }
}
write_out(do.call(rbind, rows), "kaplan_meier.csv")

## 3. Hodges-Lehmann: wilcox.test(x, y, conf.int = TRUE, conf.level) -------------------------------------------------
# Exact (no ties, both samples under 50) and the normal approximation with continuity correction (ties, or a sample of
# 50 or more), whose interval and estimate R finds with uniroot(tol = 1e-4).
set.seed(11)
hl_cases <- list(
  list(name = "exact-tiny", x = c(1.83, 0.50, 1.62, 2.48, 1.68), y = c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06 + 1e-3)),
  list(name = "exact-one-one", x = c(3.2), y = c(1.1)),
  list(name = "exact-one-three", x = c(3.2), y = c(1.1, 4.7, 2.2)),
  list(name = "exact-10-12", x = rnorm(10, 5, 2), y = rnorm(12, 4, 2)),
  list(name = "exact-30-45", x = rexp(30, 1 / 20), y = rexp(45, 1 / 14)),
  list(name = "exact-49-49", x = rlnorm(49, 3, 1), y = rlnorm(49, 2.6, 1)),
  list(name = "normal-ties-small", x = c(2, 3, 3, 5, 7, 8), y = c(1, 2, 2, 3, 4)),
  list(name = "normal-ties-integers", x = sample(1:5, 30, TRUE), y = sample(1:6, 34, TRUE)),
  list(name = "normal-50-60", x = rnorm(50, 10, 3), y = rnorm(60, 9, 3)),
  list(name = "normal-120-90-ties", x = round(rlnorm(120, log(20), 1.1), 1), y = round(rlnorm(90, log(14), 1.1), 1)),
  list(name = "normal-400-350-hours", x = round(rlnorm(400, log(8), 1.3), 2), y = round(rlnorm(350, log(8), 1.3), 2)),
  list(name = "normal-no-shift-ties", x = round(rnorm(80, 50, 10)), y = round(rnorm(70, 50, 10))),
  list(name = "normal-60-2", x = rnorm(60, 1, 1), y = c(0.2, 0.4))
)
rows <- list()
for (case in hl_cases) for (cl in c(0.95, 0.9)) {
  r <- suppressWarnings(wilcox.test(case$x, case$y, conf.int = TRUE, conf.level = cl))
  rows[[length(rows) + 1]] <- data.frame(name = case$name, x = vec(case$x), y = vec(case$y), conf = num(cl),
    method = gsub(",", "", r$method), estimate = num(unname(r$estimate)), lower = num(r$conf.int[1]),
    upper = num(r$conf.int[2]), p = num(r$p.value))
}
write_out(do.call(rbind, rows), "hodges_lehmann.csv")

## 4. Difference-in-differences: glm(count ~ group * period + offset(log(days)), family = poisson) -------------------
# exp(group:period) with its Wald interval (confint.default) and Wald p-value. Cases with one or several treated
# rows, several control rows, equal and unequal exposures, with and without a common trend, small and large counts,
# and cells with no events (R's estimate is then huge and meaningless: zero_cell = 1, we expect undefined).
set.seed(7)
did_cases <- list(
  list(name = "no-common-trend", treated = c(1, 1, 0, 0, 0, 0, 0, 0), after = c(0, 1, 0, 0, 0, 1, 1, 1),
       count = c(40, 20, 30, 25, 35, 31, 24, 36), days = rep(84, 8)),
  list(name = "common-trend", treated = c(1, 1, 0, 0, 0, 0, 0, 0), after = c(0, 1, 0, 0, 0, 1, 1, 1),
       count = c(40, 20, 30, 26, 34, 15, 13, 17), days = rep(84, 8)),
  list(name = "unequal-exposure", treated = c(1, 1, 0, 0, 0, 0, 0, 0, 0, 0), after = c(0, 1, 0, 0, 0, 0, 1, 1, 1, 1),
       count = c(50, 18, 12, 40, 22, 9, 14, 41, 20, 11), days = c(84, 84, 60, 84, 84, 30.5, 84, 84, 84, 84)),
  list(name = "two-treated-services", treated = c(1, 1, 1, 1, 0, 0, 0, 0, 0, 0), after = c(0, 0, 1, 1, 0, 0, 0, 1, 1, 1),
       count = c(22, 31, 9, 14, 17, 28, 19, 18, 25, 21), days = c(84, 70, 84, 84, 84, 84, 84, 84, 84, 84)),
  list(name = "large-counts", treated = c(1, 1, 0, 0, 0, 0, 0, 0), after = c(0, 1, 0, 0, 0, 1, 1, 1),
       count = c(1000, 640, 870, 910, 990, 880, 930, 1000), days = rep(84, 8)),
  list(name = "small-counts", treated = c(1, 1, 0, 0, 0, 0, 0, 0), after = c(0, 1, 0, 0, 0, 1, 1, 1),
       count = c(3, 1, 2, 1, 4, 2, 2, 3), days = rep(84, 8)),
  list(name = "one-control", treated = c(1, 1, 0, 0), after = c(0, 1, 0, 1), count = c(12, 5, 10, 11),
       days = c(84, 84, 84, 84)),
  list(name = "zero-treated-after", treated = c(1, 1, 0, 0, 0, 0, 0, 0), after = c(0, 1, 0, 0, 0, 1, 1, 1),
       count = c(12, 0, 10, 11, 9, 10, 12, 8), days = rep(84, 8)),
  list(name = "zero-controls-before", treated = c(1, 1, 0, 0, 0, 0), after = c(0, 1, 0, 0, 1, 1),
       count = c(12, 5, 0, 0, 3, 2), days = rep(84, 6))
)
for (k in 1:4) {
  nc <- 3 + k
  rate_t <- runif(1, 0.2, 2); rate_c <- runif(nc, 0.2, 2); trend <- runif(1, 0.6, 1.4); effect <- runif(1, 0.4, 1.2)
  did_cases[[length(did_cases) + 1]] <- list(name = sprintf("random-%d-controls", nc),
    treated = c(1, 1, rep(0, 2 * nc)), after = c(0, 1, rep(0, nc), rep(1, nc)),
    count = c(rpois(1, rate_t * 84), rpois(1, rate_t * trend * effect * 84), rpois(nc, rate_c * 84),
              rpois(nc, rate_c * trend * 84)),
    days = c(84, 84, rep(84, nc), round(runif(nc, 50, 84), 1)))
}
rows <- list()
for (case in did_cases) for (cl in c(0.95, 0.9)) {
  d <- data.frame(count = case$count, group = factor(case$treated, levels = c(0, 1)),
                  period = factor(case$after, levels = c(0, 1)), days = case$days)
  term <- "group1:period1"
  # glm's default stops when the deviance changes by less than 1e-8 relative and reports the standard errors from
  # the weights of its previous iteration: they lie up to ~1e-5 (relative) from the maximum-likelihood fit's. The
  # "converged" columns run the same glm to epsilon 1e-14, which is the fit itself; both are written.
  fits <- list(default = glm(count ~ group * period + offset(log(days)), family = poisson, data = d),
               converged = glm(count ~ group * period + offset(log(days)), family = poisson, data = d,
                               control = glm.control(epsilon = 1e-14, maxit = 200)))
  cells <- tapply(d$count, list(d$group, d$period), sum)
  row <- data.frame(name = case$name, treated = vec(case$treated), after = vec(case$after),
    count = vec(case$count), days = vec(case$days), conf = num(cl), zero_cell = as.integer(any(cells == 0)))
  for (kind in names(fits)) {
    fit <- fits[[kind]]
    ci <- confint.default(fit, term, level = cl)
    row[[paste0(kind, "_estimate")]] <- num(exp(coef(fit)[[term]]))
    row[[paste0(kind, "_lower")]] <- num(exp(ci[1]))
    row[[paste0(kind, "_upper")]] <- num(exp(ci[2]))
    row[[paste0(kind, "_p")]] <- num(summary(fit)$coefficients[term, "Pr(>|z|)"])
  }
  rows[[length(rows) + 1]] <- row
}
write_out(do.call(rbind, rows), "did.csv")
