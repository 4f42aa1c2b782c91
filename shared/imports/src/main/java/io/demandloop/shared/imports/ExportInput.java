package io.demandloop.shared.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Opens an export's bytes as text, streaming: a zip (recognised by its signature, whatever its name) is read from its
 * first {@code .csv} entry, skipping the {@code __MACOSX/} folder and {@code ._} resource forks macOS archivers add;
 * anything else is read as UTF-8. Invalid bytes do not stop a long import, nor are they silently replaced: each
 * becomes {@link #INVALID_BYTES}, a lone surrogate that valid UTF-8 never decodes to, so that the row holding it is
 * rejected naming its column (text is kept exactly or refused).
 */
public final class ExportInput {

    /** What an invalid UTF-8 sequence is read as: a lone low surrogate, never the result of valid UTF-8. */
    public static final String INVALID_BYTES = "\uDFFF";

    private ExportInput() {
    }

    /**
     * The export's text. Closing the reader closes {@code in}.
     *
     * @param name names the input in error messages (a path or an S3 key)
     * @throws CsvFormatException when a zip holds no {@code .csv} entry
     */
    public static Reader open(InputStream in, String name) throws IOException {
        InputStream raw = new BufferedInputStream(in, 1 << 16);
        try {
            raw.mark(4);
            byte[] magic = raw.readNBytes(4);
            raw.reset();
            InputStream content = raw;
            if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
                content = csvEntry(new ZipInputStream(raw), name);
            }
            return new InputStreamReader(content, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .replaceWith(INVALID_BYTES));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static InputStream csvEntry(ZipInputStream zip, String name) throws IOException {
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            String entryName = entry.getName();
            String base = entryName.substring(entryName.lastIndexOf('/') + 1);
            if (!entry.isDirectory() && !entryName.startsWith("__MACOSX/") && !base.startsWith("._")
                    && base.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                return zip;
            }
        }
        throw new CsvFormatException("no .csv entry in the zip " + name);
    }
}
