package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Stored text printed to a terminal shows its control characters instead of obeying them. */
class TerminalTextTest {

    @Test
    void safe_shouldEscapeC0C1AndBidiControls_andKeepOtherText() {
        assertThat(TerminalText.safe("a\u001b[2Jb\u009bc\u202ed\te\r\nf")).isEqualTo("a\\u001b[2Jb\\u009bc\\u202ed\\te\\r\\nf");
        assertThat(TerminalText.safe("Café ✓ 日本")).isEqualTo("Café ✓ 日本");
        assertThat(TerminalText.safe(null)).isNull();
    }

    @Test
    void escaping_shouldEscapeWhatIsPrinted_butKeepTheLineBreaksOfPrintlnAndPrintf() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = TerminalText.escaping(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        out.println("x\u001b]0;title\u0007y");
        out.printf("%s|%n", "\u009b2J");
        out.println((Object) "\u001bc");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "x\\u001b]0;title\\u0007y" + System.lineSeparator() + "\\u009b2J|" + System.lineSeparator()
                        + "\\u001bc" + System.lineSeparator());
    }
}
