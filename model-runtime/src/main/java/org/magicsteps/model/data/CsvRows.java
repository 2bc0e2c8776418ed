package org.magicsteps.model.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file's rows. The text is UTF-8, or Windows-1252 when it is not valid UTF-8 (what Excel
 * in Portuguese saves as "CSV"). The delimiter is the one of {@code , ; TAB} that the header line
 * uses most; in a {@code ;}-separated file a decimal comma ({@code 5,783}) is read as a point.
 */
final class CsvRows implements RawRows {

    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+");

    private final String source;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final boolean decimalComma;
    private long lastLine;

    CsvRows(byte[] content, String source) {
        this.source = source;
        String text = decode(content);
        char delimiter = delimiter(text);
        this.decimalComma = delimiter == ';';
        try {
            this.parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get()
                    .parse(new StringReader(text));
        } catch (IOException e) {
            throw new SheetException(source + ": cannot be read as CSV: " + e.getMessage(), e);
        }
        this.records = parser.iterator();
        if (!records.hasNext()) {
            throw new SheetException(source + ": is empty; expected a header line");
        }
        CSVRecord first = next(records);
        this.header = first.toList();
        this.lastLine = parser.getCurrentLineNumber();
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public Raw next() {
        if (!records.hasNext()) {
            return null;
        }
        CSVRecord record = next(records);
        int line = (int) lastLine + 1;
        lastLine = parser.getCurrentLineNumber();
        List<Object> cells = new ArrayList<>(record.size());
        for (String value : record) {
            cells.add(decimalComma && DECIMAL_COMMA.matcher(value.strip()).matches()
                    ? value.strip().replace(',', '.') : value);
        }
        return new Raw(line, cells);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // The parser reads from a string; there is nothing to release.
        }
    }

    private CSVRecord next(Iterator<CSVRecord> iterator) {
        try {
            return iterator.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new SheetException(source + ": broken CSV after line " + parser.getCurrentLineNumber() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String decode(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return new String(content, Charset.forName("windows-1252"));
        }
    }

    private static char delimiter(String text) {
        int end = text.indexOf('\n');
        String firstLine = end < 0 ? text : text.substring(0, end);
        char best = ',';
        long bestCount = firstLine.chars().filter(c -> c == ',').count();
        for (char candidate : new char[] {';', '\t'}) {
            long count = firstLine.chars().filter(c -> c == candidate).count();
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }
}
