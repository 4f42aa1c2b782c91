package io.demandloop.functions.importer;

import io.demandloop.shared.imports.ImportSummary;

/**
 * What the import function did with one object, also written next to the results as {@code <name>.summary.json}.
 *
 * @param status   {@code imported}, {@code ignored} (not an export: a mapping file, another prefix),
 *                 {@code incomplete} (the object broke mid-way: what came before is written, the summary names the
 *                 break and the record not written) or {@code failed} (the object is not an export of its format;
 *                 nothing was written)
 * @param key      the object's key
 * @param message  why it was ignored or failed; null when imported
 * @param summary  the import's counts; null unless imported or incomplete
 * @param results  the keys written with the results (summary, rejected rows)
 */
public record ImportResult(String status, String key, String message, ImportSummary summary,
                           java.util.List<String> results) {

    static ImportResult ignored(String key, String why) {
        return new ImportResult("ignored", key, why, null, java.util.List.of());
    }
}
