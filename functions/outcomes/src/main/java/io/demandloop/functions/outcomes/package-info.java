/**
 * One jar, two functions: {@code InitiativeStoreHandler} (target of "Initiative Received": keeps initiatives,
 * newest source version wins) and {@code OutcomeMeasurementHandler} (nightly, after the demand evaluation: measures
 * every delivered initiative, keeps its outcome, publishes "Outcome Measured" when a verdict is new or changes).
 */
package io.demandloop.functions.outcomes;
