package org.gridmap.assessment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV fields as RFC 4180 and spreadsheets need them. */
class AssessmentCsvTest {

	@Test
	void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled() {
		assertThat(AssessmentCsv.field("建设社区第一网格")).isEqualTo("建设社区第一网格");
		assertThat(AssessmentCsv.field("a,b")).isEqualTo("\"a,b\"");
		assertThat(AssessmentCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(AssessmentCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
		assertThat(AssessmentCsv.field(null)).isEmpty();
	}

	@Test
	void numbersAreWrittenPlainAndTextThatLooksLikeAFormulaIsDefused() {
		assertThat(AssessmentCsv.field(7L)).isEqualTo("7");
		assertThat(AssessmentCsv.field(54.0)).isEqualTo("54");
		assertThat(AssessmentCsv.field(3.6667)).isEqualTo("3.67");
		assertThat(AssessmentCsv.field("-12")).isEqualTo("-12");
		assertThat(AssessmentCsv.field("+4.5%")).isEqualTo("+4.5%");
		assertThat(AssessmentCsv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
		assertThat(AssessmentCsv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(AssessmentCsv.field("-cmd")).isEqualTo("'-cmd");
	}

}
