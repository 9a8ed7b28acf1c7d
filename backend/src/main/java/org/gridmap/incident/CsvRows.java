package org.gridmap.incident;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes, quotes doubled
 * inside, line breaks allowed inside quotes, CRLF or LF line ends, an optional UTF-8
 * byte-order mark. Small and strict: an unterminated quote is an error with its line
 * number.
 */
final class CsvRows {

	private CsvRows() {
	}

	/** The records of the text, each a list of fields; blank lines are skipped. */
	static List<List<String>> parse(String text) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean fieldStarted = false;
		int line = 1;
		int start = (!text.isEmpty() && text.charAt(0) == '\uFEFF') ? 1 : 0;
		for (int i = start; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						field.append('"');
						i++;
					}
					else {
						quoted = false;
					}
				}
				else {
					if (c == '\n') {
						line++;
					}
					field.append(c);
				}
			}
			else if (c == '"' && field.isEmpty()) {
				quoted = true;
				fieldStarted = true;
			}
			else if (c == ',') {
				row.add(field.toString());
				field.setLength(0);
				fieldStarted = true;
			}
			else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				line++;
				if (fieldStarted || !field.isEmpty() || !row.isEmpty()) {
					row.add(field.toString());
					rows.add(row);
				}
				row = new ArrayList<>();
				field.setLength(0);
				fieldStarted = false;
			}
			else {
				field.append(c);
			}
		}
		if (quoted) {
			throw new IllegalArgumentException("A quoted field is not closed (line " + line + ")");
		}
		if (fieldStarted || !field.isEmpty() || !row.isEmpty()) {
			row.add(field.toString());
			rows.add(row);
		}
		return rows;
	}

}
