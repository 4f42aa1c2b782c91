/**
 * The nightly demand evaluation's pure core (issue 6, docs/demand.md): configuration ({@link
 * io.demandloop.shared.demand.DemandConfig}, {@link io.demandloop.shared.demand.ServiceCatalog}), facts per service
 * and window ({@link io.demandloop.shared.demand.ServiceFactsCalculator}), and the evaluation into demand records
 * ({@link io.demandloop.shared.demand.DemandEvaluator}). No I/O here: a reader fills
 * {@link io.demandloop.shared.demand.DemandInputs}, a store keeps the records.
 */
package io.demandloop.shared.demand;
