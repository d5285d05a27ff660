package io.ascendgw.gateway.bench;

import java.util.SplittableRandom;

/**
 * Word-like prompt text from a seeded generator, sized in approximate tokens: English ~4 bytes per token, Chinese
 * ~1 token per character (random characters rarely merge in BPE vocabularies). Mostly common words with some
 * made-up ones, so that prompts differ from each other as real text does and a prefix cache sees real differences.
 */
final class TextGenerator {

    private static final String[] EN_WORDS = ("the of and to in is for that on with as it be are by this from at or "
            + "an was have not but which you all can they will one has more we their about there been would were "
            + "when what who time data model value system user input output result example question answer table "
            + "number first second new other some could into only over such these then than them like just also "
            + "after most make many well way through where much should very each because does between under "
            + "market energy water river city country history science music language student teacher report "
            + "customer product service order price account record file server network memory process request "
            + "response token cache batch engine queue latency speed summary detail reason method design policy "
            + "simple common useful careful quick large small early late open close write read build test check "
            + "describe explain translate classify extract generate compare rewrite improve list choose").split(" ");

    /** About 500 of the most common Chinese characters. */
    private static final String ZH_CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主"
            + "发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都"
            + "两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你"
            + "明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位"
            + "入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干"
            + "做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证"
            + "改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整"
            + "空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委"
            + "素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼"
            + "王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞";

    private static final String CONSONANTS = "bcdfghklmnprstvz";
    private static final String VOWELS = "aeiou";

    private final PromptLanguage language;

    TextGenerator(PromptLanguage language) {
        this.language = language;
    }

    /** Appends text of about {@code tokens} tokens to {@code out}; deterministic for the random state. */
    void append(StringBuilder out, SplittableRandom random, int tokens) {
        double used = 0;
        while (used < tokens) {
            boolean chinese = switch (language) {
                case EN -> false;
                case ZH -> true;
                case MIXED -> random.nextBoolean();
            };
            used = chinese ? chineseSentence(out, random, used, tokens) : englishSentence(out, random, used, tokens);
        }
    }

    /** Text of about {@code tokens} tokens. */
    String text(SplittableRandom random, int tokens) {
        StringBuilder out = new StringBuilder(tokens * 4 + 16);
        append(out, random, tokens);
        return out.toString();
    }

    private static double englishSentence(StringBuilder out, SplittableRandom random, double used, int target) {
        int words = random.nextInt(6, 19);
        for (int i = 0; i < words && used < target; i++) {
            int before = out.length();
            String word = random.nextInt(10) == 0 ? madeUpWord(random) : EN_WORDS[random.nextInt(EN_WORDS.length)];
            if (i == 0) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            } else {
                out.append(word);
            }
            out.append(i == words - 1 ? ". " : " ");
            used += (out.length() - before) / 4.0;
        }
        return used;
    }

    private static double chineseSentence(StringBuilder out, SplittableRandom random, double used, int target) {
        int chars = random.nextInt(8, 25);
        int comma = chars > 12 ? random.nextInt(4, chars - 4) : -1;
        for (int i = 0; i < chars && used < target; i++) {
            out.append(ZH_CHARS.charAt(random.nextInt(ZH_CHARS.length())));
            used += 1;
            if (i == comma) {
                out.append('，');
                used += 1;
            }
        }
        if (used < target) {
            out.append('。');
            used += 1;
        }
        return used;
    }

    private static String madeUpWord(SplittableRandom random) {
        int syllables = random.nextInt(1, 4);
        StringBuilder word = new StringBuilder(syllables * 2);
        for (int s = 0; s < syllables; s++) {
            word.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())))
                    .append(VOWELS.charAt(random.nextInt(VOWELS.length())));
        }
        return word.toString();
    }
}
