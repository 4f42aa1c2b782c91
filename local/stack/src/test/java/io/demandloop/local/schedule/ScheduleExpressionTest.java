package io.demandloop.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleExpressionTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static ZonedDateTime utc(String isoLocal) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(isoLocal), ZoneOffset.UTC);
    }

    private static Optional<ZonedDateTime> next(String expression, ZonedDateTime after) {
        return ScheduleExpression.parse(expression).nextAfter(after);
    }

    @Test
    void rate_shouldAddThePeriod() {
        // GIVEN
        ZonedDateTime t = utc("2026-11-22T05:29:13");

        // WHEN / THEN
        assertThat(next("rate(1 minute)", t)).contains(utc("2026-11-22T05:30:13"));
        assertThat(next("rate(5 minutes)", t)).contains(utc("2026-11-22T05:34:13"));
        assertThat(next("rate(2 hours)", t)).contains(utc("2026-11-22T07:29:13"));
        assertThat(next("rate(1 day)", t)).contains(utc("2026-11-23T05:29:13"));
    }

    @Test
    void rate_shouldCountADayAs24Hours_acrossDaylightSaving() {
        // GIVEN the night Berlin springs forward
        ZonedDateTime t = ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, BERLIN);

        // WHEN
        ZonedDateTime next = next("rate(1 day)", t).orElseThrow();

        // THEN
        assertThat(next.toLocalDateTime()).isEqualTo("2026-03-29T13:00");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rate(1 minutes)     | singular",
        "rate(5 minute)      | plural",
        "rate(0 minutes)     | positive",
        "rate(-1 minutes)    | positive",
        "rate(five minutes)  | whole number",
        "rate(5 weeks)       | minute(s), hour(s) or day(s)",
        "rate(5)             | rate(value unit)",
        "every 5 minutes     | must be rate(value unit), cron(",
        "cron(0 12 * * ?)    | 6",
        "cron(0 12 * * * *)  | exactly one of day-of-month and day-of-week must be ?",
        "cron(0 12 ? * ? *)  | exactly one of day-of-month and day-of-week must be ?",
        "cron(60 12 * * ? *) | minutes value 60 is outside 0-59",
        "cron(0 24 * * ? *)  | hours value 24 is outside 0-23",
        "cron(0 12 0 * ? *)  | day-of-month value 0 is outside 1-31",
        "cron(0 12 ? FOO * *)| month \"FOO\" is not a number or name",
        "cron(0 12 ? * 8 *)  | day-of-week value 8 is outside 1-7",
        "cron(0 12 ? * XYZ *)| day-of-week \"XYZ\" is not a number or name",
        "cron(0/0 12 * * ? *)| step must be at least 1",
        "cron(0 12 1 * ? 1969)| year value 1969 is outside 1970-2199",
        "cron(0 12 1 * ? 2030-2027)| range 2030-2027 runs backwards",
        "cron(0 12 L,5 * ? *)| day-of-month L,5 is not supported",
        "cron(0 12 ? * 2#6 *)| day-of-week # value 6 is outside 1-5",
        "at(2026-02-30T10:00:00)| at(yyyy-mm-ddThh:mm:ss)",
        "at(2026-02-01 10:00)| at(yyyy-mm-ddThh:mm:ss)",
    })
    void parse_shouldNameTheProblem_whenExpressionIsInvalid(String expression, String problem) {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> ScheduleExpression.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // expression                  | after (UTC)          | next (UTC)
        "cron(30 5 * * ? *)            | 2026-11-22T05:29:00  | 2026-11-22T05:30",
        "cron(30 5 * * ? *)            | 2026-11-22T05:30:00  | 2026-11-23T05:30",
        "cron(0/15 * * * ? *)          | 2026-11-22T10:07:30  | 2026-11-22T10:15",
        "cron(*/20 9-10 * * ? *)       | 2026-11-22T10:45:00  | 2026-11-23T09:00",
        "cron(5-40/10 * * * ? *)       | 2026-11-22T10:36:00  | 2026-11-22T11:05",
        "cron(0 22-2 * * ? *)          | 2026-11-22T02:30:00  | 2026-11-22T22:00",
        "cron(0 22-2 * * ? *)          | 2026-11-22T23:30:00  | 2026-11-23T00:00",
        "cron(0 9 ? * MON-FRI *)       | 2026-11-20T10:00:00  | 2026-11-23T09:00",
        "cron(0 9 ? * FRI-MON *)       | 2026-11-23T10:00:00  | 2026-11-27T09:00",
        "cron(0 8 ? * 2,4,6 *)         | 2026-11-23T08:00:00  | 2026-11-25T08:00",
        "cron(0 8 ? * 1 *)             | 2026-11-23T08:00:00  | 2026-11-29T08:00",
        "cron(0 0 1 JAN,JUL ? *)       | 2026-02-10T00:00:00  | 2026-07-01T00:00",
        "cron(0 0 1 jan-mar ? *)       | 2026-11-10T00:00:00  | 2027-01-01T00:00",
        "cron(0 12 L * ? *)            | 2028-02-15T00:00:00  | 2028-02-29T12:00",
        "cron(0 12 L * ? *)            | 2027-02-15T00:00:00  | 2027-02-28T12:00",
        "cron(0 12 LW * ? *)           | 2026-05-01T00:00:00  | 2026-05-29T12:00",
        "cron(0 12 15W * ? *)          | 2026-08-01T00:00:00  | 2026-08-14T12:00",
        "cron(0 12 1W * ? *)           | 2026-07-31T00:00:00  | 2026-08-03T12:00",
        "cron(0 12 ? * L *)            | 2026-11-22T13:00:00  | 2026-11-28T12:00",
        "cron(0 12 ? * 6L *)           | 2026-11-01T00:00:00  | 2026-11-27T12:00",
        "cron(0 12 ? * FRIL *)         | 2026-11-28T00:00:00  | 2026-12-25T12:00",
        "cron(0 12 ? * 3#2 *)          | 2026-11-01T00:00:00  | 2026-11-10T12:00",
        "cron(0 12 ? * MON#1 *)        | 2026-11-03T00:00:00  | 2026-12-07T12:00",
        "cron(0 0 29 2 ? *)            | 2026-03-01T00:00:00  | 2028-02-29T00:00",
        "cron(0 0 1 1 ? 2030,2035)     | 2031-06-01T00:00:00  | 2035-01-01T00:00",
    })
    void cron_shouldFindTheNextTime(String expression, String after, String expected) {
        // GIVEN
        ZonedDateTime t = utc(after);

        // WHEN
        Optional<ZonedDateTime> next = next(expression, t);

        // THEN
        assertThat(next).map(ZonedDateTime::toLocalDateTime).contains(java.time.LocalDateTime.parse(expected));
    }

    @Test
    void cron_shouldReturnEmpty_whenNoYearIsLeft() {
        // GIVEN / WHEN / THEN
        assertThat(next("cron(0 0 1 1 ? 2027)", utc("2028-01-01T00:00:00"))).isEmpty();
        assertThat(next("cron(0 0 30 2 ? *)", utc("2026-01-01T00:00:00"))).as("30 February").isEmpty();
    }

    @Test
    void cron_shouldFollowTheZone_acrossSummerAndWinterTime() {
        // GIVEN Monday 09:00 in Berlin; summer time ends on Sunday 2026-10-25
        ScheduleExpression expression = ScheduleExpression.parse("cron(0 9 ? * MON *)");

        // WHEN
        ZonedDateTime summer = expression.nextAfter(ZonedDateTime.of(2026, 10, 13, 0, 0, 0, 0, BERLIN)).orElseThrow();
        ZonedDateTime winter = expression.nextAfter(summer).orElseThrow();

        // THEN
        assertThat(summer.toInstant()).isEqualTo("2026-10-19T07:00:00Z");
        assertThat(winter.toInstant()).isEqualTo("2026-10-26T08:00:00Z");
        assertThat(winter.toLocalTime()).isEqualTo("09:00");
    }

    @Test
    void cron_shouldSkipTheLocalTimeTheClockJumpsOver_inSpring() {
        // GIVEN 02:30 daily in Berlin; on 2026-03-29 clocks go from 02:00 to 03:00
        ScheduleExpression expression = ScheduleExpression.parse("cron(30 2 * * ? *)");

        // WHEN
        ZonedDateTime next = expression.nextAfter(ZonedDateTime.of(2026, 3, 28, 3, 0, 0, 0, BERLIN)).orElseThrow();

        // THEN
        assertThat(next.toLocalDateTime()).isEqualTo("2026-03-30T02:30");
    }

    @Test
    void cron_shouldFireOnce_whenTheClockPassesTheTimeTwiceInAutumn() {
        // GIVEN 02:30 daily in Berlin; on 2026-10-25 clocks go from 03:00 back to 02:00
        ScheduleExpression expression = ScheduleExpression.parse("cron(30 2 * * ? *)");

        // WHEN
        ZonedDateTime first = expression.nextAfter(ZonedDateTime.of(2026, 10, 25, 0, 0, 0, 0, BERLIN)).orElseThrow();
        ZonedDateTime second = expression.nextAfter(first).orElseThrow();

        // THEN
        assertThat(first.toInstant()).isEqualTo("2026-10-25T00:30:00Z");
        assertThat(second.toInstant()).isEqualTo("2026-10-26T01:30:00Z");
    }

    @Test
    void at_shouldFireOnceInTheScheduleZone() {
        // GIVEN
        ScheduleExpression expression = ScheduleExpression.parse("at(2026-12-01T10:00:00)");

        // WHEN
        Optional<ZonedDateTime> before = expression.nextAfter(ZonedDateTime.of(2026, 11, 30, 0, 0, 0, 0, BERLIN));
        Optional<ZonedDateTime> after = expression.nextAfter(before.orElseThrow());

        // THEN
        assertThat(before).map(ZonedDateTime::toInstant).contains(java.time.Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(after).isEmpty();
    }
}
