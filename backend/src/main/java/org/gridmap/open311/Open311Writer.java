package org.gridmap.open311;

import java.util.List;
import java.util.Map;

import org.gridmap.geo.JsonText;

/**
 * Writes GeoReport documents in either format from the same ordered fields, so the JSON
 * and XML answers cannot drift apart. Values are strings, numbers, booleans, null, lists
 * and nested field maps. In XML a list becomes an element holding one child per member,
 * named after the list ({@code <services><service>}); null becomes an empty element.
 */
final class Open311Writer {

	/** The element of one member of each list GeoReport defines. */
	private static final Map<String, String> MEMBER = Map.of("services", "service", "service_requests", "request",
			"endpoints", "endpoint", "formats", "format", "attributes", "attribute");

	private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

	private Open311Writer() {
	}

	/** A whole document: a list under {@code root} or the fields of one object. */
	static String document(Format format, String root, Object value) {
		StringBuilder out = new StringBuilder(1024);
		if (format == Format.XML) {
			out.append(XML_DECLARATION);
		}
		write(out, format, root, value);
		return out.toString();
	}

	/** The start of a streamed list document. */
	static String open(Format format, String root) {
		return (format == Format.JSON) ? "[" : XML_DECLARATION + "<" + root + ">";
	}

	/** One member of a streamed list, with its separator. */
	static String member(Format format, String root, Map<String, ?> fields, boolean first) {
		StringBuilder out = new StringBuilder(512);
		if (format == Format.JSON) {
			if (!first) {
				out.append(',');
			}
			writeJson(out, fields);
		}
		else {
			writeXml(out, MEMBER.get(root), fields);
		}
		return out.toString();
	}

	/** The end of a streamed list document. */
	static String close(Format format, String root) {
		return (format == Format.JSON) ? "]" : "</" + root + ">\n";
	}

	private static void write(StringBuilder out, Format format, String name, Object value) {
		if (format == Format.JSON) {
			writeJson(out, value);
		}
		else {
			writeXml(out, name, value);
		}
	}

	private static void writeJson(StringBuilder out, Object value) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof Map<?, ?> fields) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> field : fields.entrySet()) {
				out.append(first ? "" : ",").append(JsonText.quote(String.valueOf(field.getKey()))).append(':');
				writeJson(out, field.getValue());
				first = false;
			}
			out.append('}');
		}
		else if (value instanceof List<?> members) {
			out.append('[');
			for (int i = 0; i < members.size(); i++) {
				out.append((i > 0) ? "," : "");
				writeJson(out, members.get(i));
			}
			out.append(']');
		}
		else if (value instanceof Double number) {
			out.append(JsonText.degrees(number));
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else {
			out.append(JsonText.quote(value.toString()));
		}
	}

	private static void writeXml(StringBuilder out, String name, Object value) {
		if (value == null) {
			out.append('<').append(name).append("/>");
			return;
		}
		out.append('<').append(name).append('>');
		if (value instanceof Map<?, ?> fields) {
			for (Map.Entry<?, ?> field : fields.entrySet()) {
				writeXml(out, String.valueOf(field.getKey()), field.getValue());
			}
		}
		else if (value instanceof List<?> members) {
			String member = MEMBER.getOrDefault(name, "item");
			for (Object each : members) {
				writeXml(out, member, each);
			}
		}
		else if (value instanceof Double number) {
			out.append(JsonText.degrees(number));
		}
		else {
			escape(out, value.toString());
		}
		out.append("</").append(name).append('>');
	}

	/**
	 * Text content escaped for XML 1.0; characters XML cannot carry at all (most control
	 * characters, lone surrogates) are dropped rather than breaking the document.
	 */
	static void escape(StringBuilder out, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&apos;");
				default -> {
					if (Character.isHighSurrogate(c) && i + 1 < text.length()
							&& Character.isLowSurrogate(text.charAt(i + 1))) {
						out.append(c).append(text.charAt(++i));
					}
					else if ((c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c == '\t' || c == '\n'
							|| c == '\r') {
						out.append(c);
					}
				}
			}
		}
	}

}
