package org.magicsteps.model.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file's rows, streamed: the file is never held whole. The text is UTF-8, or Windows-1252
 * when it is not valid UTF-8 (what Excel in Portuguese saves as "CSV"), which one streaming pass
 * over the bytes tells. The delimiter is the one of {@code , ; TAB} that the header line uses
 * most; in a {@code ;}-separated file a decimal comma ({@code 5,783}) is read as a point.
 */
final class CsvRows implements RawRows {

    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** Longer than any header line; the header is read, then the reader rewinds to parse it as CSV. */
    private static final int HEADER_LIMIT = 1 << 20;

    private final String source;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final boolean decimalComma;
    private long lastLine;

    CsvRows(Content content, String source) {
        this.source = source;
        Charset charset = charset(content, source);
        BufferedReader reader;
        char delimiter;
        try {
            reader = new BufferedReader(new InputStreamReader(content.open(), charset), 1 << 16);
            reader.mark(HEADER_LIMIT);
            String firstLine = reader.readLine();
            delimiter = delimiter(firstLine == null ? "" : firstLine);
            reader.reset();
        } catch (IOException e) {
            throw new SheetException(source + ": cannot be read: " + e.getMessage(), e);
        }
        this.decimalComma = delimiter == ';';
        try {
            this.parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get()
                    .parse(reader);
        } catch (IOException e) {
            closeQuietly(reader);
            throw new SheetException(source + ": cannot be read as CSV: " + e.getMessage(), e);
        }
        this.records = parser.iterator();
        if (!hasNext()) {
            close();
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
        if (!hasNext()) {
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
            // Reading is over; a failure to release the file leaves nothing to act on.
        }
    }

    private boolean hasNext() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw broken(e);
        }
    }

    private CSVRecord next(Iterator<CSVRecord> iterator) {
        try {
            return iterator.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw broken(e);
        }
    }

    private SheetException broken(RuntimeException e) {
        return new SheetException(source + ": broken CSV after line " + parser.getCurrentLineNumber() + ": "
                + e.getMessage(), e);
    }

    /** UTF-8 when every byte sequence is well-formed UTF-8, else Windows-1252: one pass over the bytes, nothing kept. */
    private static Charset charset(Content content, String source) {
        byte[] buffer = new byte[1 << 16];
        int pending = 0; // continuation bytes the current sequence still needs
        try (InputStream in = content.open()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    int b = buffer[i] & 0xFF;
                    if (pending > 0) {
                        if ((b & 0xC0) != 0x80) {
                            return WINDOWS_1252;
                        }
                        pending--;
                    } else if (b >= 0x80) {
                        // A lead byte: 110xxxxx, 1110xxxx or 11110xxx (C0, C1 and F5–FF are never UTF-8).
                        if (b >= 0xC2 && b <= 0xDF) {
                            pending = 1;
                        } else if (b >= 0xE0 && b <= 0xEF) {
                            pending = 2;
                        } else if (b >= 0xF0 && b <= 0xF4) {
                            pending = 3;
                        } else {
                            return WINDOWS_1252;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new SheetException(source + ": cannot be read: " + e.getMessage(), e);
        }
        return pending == 0 ? StandardCharsets.UTF_8 : WINDOWS_1252;
    }

    private static char delimiter(String firstLine) {
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

    private static void closeQuietly(Reader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // nothing to act on
        }
    }
}
