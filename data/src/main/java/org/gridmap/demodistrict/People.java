package org.gridmap.demodistrict;

import java.util.Random;

/**
 * Made-up Chinese personal names, phone numbers and numerals. Surnames are drawn with
 * rough real frequencies; given names are one or two characters.
 */
final class People {

	// The commonest surnames, each repeated by its rough weight.
	private static final String[] SURNAMES = ("王王王王王李李李李李张张张张张刘刘刘刘陈陈陈杨杨杨赵赵赵黄黄周周吴吴徐徐孙孙"
			+ "胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段")
		.split("");

	private static final String[] GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英玉兰萍建华志强红梅鹏飞海燕春雪"
			+ "丹宁晓东立新淑珍凤兰国庆建国文博宇辉雅琴晨阳思远慧颖俊杰博文子涵雨萱玉梅永生德胜长海庆丰振华")
		.split("");

	private static final String[] DIGITS = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

	private final Random random;

	People(Random random) {
		this.random = random;
	}

	String name() {
		String surname = SURNAMES[this.random.nextInt(SURNAMES.length)];
		String given = GIVEN[this.random.nextInt(GIVEN.length)];
		if (this.random.nextInt(10) < 7) {
			given += GIVEN[this.random.nextInt(GIVEN.length)];
		}
		return surname + given;
	}

	/** A mobile number: 13x, 15x or 18x and eight more digits. */
	String mobile() {
		String[] prefixes = { "130", "131", "132", "135", "137", "139", "150", "151", "155", "158", "186", "189" };
		return prefixes[this.random.nextInt(prefixes.length)] + digits(8);
	}

	/** A Jixi landline, area code 0467. */
	String landline() {
		return "0467-2" + digits(6);
	}

	private String digits(int count) {
		StringBuilder digits = new StringBuilder(count);
		for (int i = 0; i < count; i++) {
			digits.append(this.random.nextInt(10));
		}
		return digits.toString();
	}

	/** 1 to 99 in Chinese numerals: 三, 十二, 二十. */
	static String numeral(int n) {
		if (n < 1 || n > 99) {
			throw new IllegalArgumentException("Only 1 to 99 are written, not " + n);
		}
		if (n < 10) {
			return DIGITS[n];
		}
		String tens = (n / 10 == 1) ? "十" : DIGITS[n / 10] + "十";
		return (n % 10 == 0) ? tens : tens + DIGITS[n % 10];
	}

}
