using System.Text;
using CxWarehouse.Generator.Core;

namespace CxWarehouse.Generator.Catalog;

/// <summary>
/// Composes review, comment and ticket texts from per-language phrase banks by topic. Polarity follows
/// the score, with negation ("not friendly", "não foi bom", "不满意") and intensifiers ("very", "muito",
/// "非常") so text analytics downstream have real signal to find.
/// </summary>
internal static class PhraseBank
{
    private sealed record TopicPhrases(
        (string Noun, string Verb)[] Subjects,
        string[] Positive,
        string[] Negative,
        string[] NegativeFree);

    private sealed record LanguagePhrases(
        Dictionary<Topic, TopicPhrases> Topics,
        string[] Intensifiers,
        string[] PositiveClosers,
        string[] NegativeClosers,
        string[] NeutralClosers,
        string[] PositiveEmoji,
        string[] NegativeEmoji);

    private static readonly LanguagePhrases s_en = new(
        new()
        {
            [Topic.Price] = new([("The price", "was"), ("The package", "was")],
                ["fair", "reasonable", "great value"], ["expensive", "overpriced", "a rip-off"],
                ["Not worth the money.", "Hidden extra charges for every edited photo."]),
            [Topic.Staff] = new([("The staff", "were"), ("Our photographer", "was"), ("The team", "were")],
                ["friendly", "helpful", "professional", "lovely", "patient"], ["rude", "unhelpful", "unprofessional"],
                ["Nobody at the front desk even said hello.", "The photographer was on the phone half the time."]),
            [Topic.Waiting] = new([("The wait", "was"), ("The waiting time", "was")],
                ["short", "minimal"], ["long", "ridiculous", "far too long"],
                ["We waited {n} minutes past our slot.", "Had to wait ages on the phone to get through."]),
            [Topic.Quality] = new([("The photos", "were"), ("The editing", "was"), ("The final film", "was")],
                ["beautiful", "stunning", "amazing", "gorgeous", "natural"], ["disappointing", "blurry", "poor"],
                ["Half of the pictures were out of focus.", "The colours looked nothing like the samples."]),
            [Topic.Delivery] = new([("The delivery", "was"), ("The turnaround", "was")],
                ["fast", "quick", "on time"], ["late", "slow", "weeks late"],
                ["The photos arrived {n} weeks late.", "Still waiting for our album."]),
            [Topic.Booking] = new([("Booking", "was"), ("The booking process", "was")],
                ["easy", "simple", "smooth"], ["confusing", "complicated", "a nightmare"],
                ["The online booking kept failing at checkout.", "They double-booked our slot."]),
            [Topic.Communication] = new([("Communication", "was"), ("Their replies", "were")],
                ["clear", "quick", "excellent"], ["poor", "slow", "non-existent"],
                ["Nobody answered my emails for a week.", "I had to chase them three times."]),
        },
        ["very ", "really ", "extremely ", "so ", "super "],
        ["Highly recommend!", "Will definitely come back.", "Thank you so much!", "Five stars from us."],
        ["Would not recommend.", "Very disappointed.", "Never again.", "Avoid."],
        ["It was ok overall.", "Mixed feelings.", "Decent but nothing special."],
        ["😍", "👍", "❤️", "📸", "🙌"],
        ["😡", "👎", "😞", "🙄"]);

    private static readonly LanguagePhrases s_zh = new(
        new()
        {
            [Topic.Price] = new([("价格", ""), ("套餐价格", "")],
                ["合理", "实惠", "公道"], ["太贵", "偏高", "坑人"],
                ["性价比太低。", "修图每张都要额外收费。"]),
            [Topic.Staff] = new([("服务态度", ""), ("摄影师", ""), ("工作人员", "")],
                ["好", "热情", "专业", "耐心", "细心"], ["差", "冷淡", "不耐烦"],
                ["前台没人理我们。", "摄影师一直在看手机。"]),
            [Topic.Waiting] = new([("等待时间", ""), ("排队", "")],
                ["短", "快"], ["太长", "太久"],
                ["等了{n}分钟才开始拍。", "电话一直打不进去。"]),
            [Topic.Quality] = new([("照片", ""), ("修图", ""), ("成片效果", "")],
                ["漂亮", "好看", "精致", "自然"], ["一般", "模糊", "粗糙"],
                ["一半照片都是糊的。", "颜色和样片完全不一样。"]),
            [Topic.Delivery] = new([("交片速度", ""), ("出片", "")],
                ["快", "准时", "及时"], ["太慢", "拖拉"],
                ["照片晚了{n}周才收到。", "相册到现在还没收到。"]),
            [Topic.Booking] = new([("预约", ""), ("预订流程", "")],
                ["方便", "顺利", "简单"], ["麻烦", "复杂"],
                ["线上预订总是付款失败。", "档期被重复预约了。"]),
            [Topic.Communication] = new([("沟通", ""), ("客服回复", "")],
                ["及时", "顺畅", "清楚"], ["很慢", "敷衍"],
                ["发消息一个星期都没人回。", "催了三次才有回应。"]),
        },
        ["非常", "很", "特别", "超级", "十分"],
        ["强烈推荐！", "下次还来。", "非常满意！", "五星好评！"],
        ["不满意。", "不会再来了。", "非常失望。", "不推荐。"],
        ["总体还行。", "一般般吧。", "中规中矩。"],
        ["😍", "👍", "❤️", "📸"],
        ["😡", "👎", "😞"]);

    private static readonly LanguagePhrases s_pt = new(
        new()
        {
            [Topic.Price] = new([("O preço", "foi"), ("O pacote", "foi")],
                ["justo", "ótimo", "acessível"], ["caro", "abusivo", "alto demais"],
                ["Não vale o que custa.", "Cobraram a mais por cada foto editada."]),
            [Topic.Staff] = new([("O atendimento", "foi"), ("O fotógrafo", "foi")],
                ["bom", "excelente", "atencioso", "simpático"], ["ruim", "grosseiro", "péssimo"],
                ["Ninguém na recepção nos atendeu.", "O fotógrafo ficou no celular o tempo todo."]),
            [Topic.Waiting] = new([("O tempo de espera", "foi"), ("O atendimento por telefone", "foi")],
                ["curto", "rápido"], ["longo", "demorado"],
                ["Esperamos {n} minutos além do horário.", "Demorou muito para atenderem o telefone."]),
            [Topic.Quality] = new([("O resultado", "foi"), ("O trabalho de edição", "foi")],
                ["lindo", "maravilhoso", "perfeito", "caprichado"], ["decepcionante", "fraco", "ruim"],
                ["Metade das fotos saiu desfocada.", "As cores não tinham nada a ver com o portfólio."]),
            [Topic.Delivery] = new([("O prazo de entrega", "foi"), ("O envio das fotos", "foi")],
                ["rápido", "cumprido", "pontual"], ["atrasado", "lento"],
                ["As fotos chegaram com {n} semanas de atraso.", "Até agora não recebemos o álbum."]),
            [Topic.Booking] = new([("O agendamento", "foi"), ("O processo de reserva", "foi")],
                ["fácil", "simples", "tranquilo"], ["complicado", "confuso"],
                ["A reserva online falhava no pagamento.", "Marcaram duas sessões no mesmo horário."]),
            [Topic.Communication] = new([("O retorno", "foi"), ("O contato pelo WhatsApp", "foi")],
                ["claro", "rápido", "ótimo"], ["lento", "péssimo", "confuso"],
                ["Ninguém respondeu meus e-mails por uma semana.", "Tive que cobrar três vezes."]),
        },
        ["muito ", "super ", "extremamente ", "bem "],
        ["Recomendo muito!", "Voltarei com certeza.", "Amei tudo!", "Nota dez!"],
        ["Não recomendo.", "Muito decepcionada.", "Nunca mais.", "Péssima experiência."],
        ["No geral, ok.", "Foi razoável.", "Nada de especial."],
        ["😍", "👍", "❤️", "📸", "🥰"],
        ["😡", "👎", "😞"]);

    private static LanguagePhrases For(string language) => language switch
    {
        "zh" => s_zh,
        "pt" => s_pt,
        _ => s_en,
    };

    /// <summary>One sentence about a topic with the given polarity (+1 positive, -1 negative).</summary>
    public static string Sentence(string language, Topic topic, int polarity, Prng rng)
    {
        var bank = For(language);
        var phrases = bank.Topics[topic];
        var (noun, verb) = rng.Pick(phrases.Subjects);
        var zh = language == "zh";
        var end = zh ? (rng.Chance(0.3) ? "！" : "。") : (rng.Chance(0.25) ? "!" : ".");
        if (polarity > 0)
        {
            var adjective = rng.Pick(phrases.Positive);
            var intensifier = rng.Chance(0.55) && !adjective.Contains(' ', StringComparison.Ordinal)
                ? rng.Pick(bank.Intensifiers)
                : "";
            return zh ? noun + intensifier + adjective + end : $"{noun} {verb} {intensifier}{adjective}{end}";
        }

        var form = rng.Next(3);
        if (form == 0)
        {
            // Negation of a positive word: "not friendly", "não foi bom", "不好".
            var adjective = rng.Pick(phrases.Positive);
            var intensifier = rng.Chance(0.2) && !zh ? (language == "pt" ? "nada " : "at all ") : "";
            if (zh)
            {
                return noun + "不" + adjective + end;
            }

            return language == "pt"
                ? $"{noun} não {verb} {adjective}{end}"
                : intensifier.Length > 0
                    ? $"{noun} {verb} not {adjective} at all{end}" : $"{noun} {verb} not {adjective}{end}";
        }

        if (form == 1)
        {
            var adjective = rng.Pick(phrases.Negative);
            var intensifier = rng.Chance(0.5) && !adjective.Contains(' ', StringComparison.Ordinal)
                && !adjective.StartsWith('太') && !adjective.StartsWith('很')
                ? rng.Pick(bank.Intensifiers)
                : "";
            return zh ? noun + intensifier + adjective + end : $"{noun} {verb} {intensifier}{adjective}{end}";
        }

        var free = rng.Pick(phrases.NegativeFree);
        return free.Replace("{n}", Text.Int(rng.Next(2, 6) * (topic == Topic.Waiting ? 10 : 1)),
            StringComparison.Ordinal);
    }

    /// <summary>A short "not satisfied" sentence (不满意 / not happy / não fiquei satisfeito).</summary>
    public static string NotSatisfied(string language, Prng rng) => language switch
    {
        "zh" => rng.Pick(["对这次拍摄不满意。", "非常不满意。", "整体不满意。"]),
        "pt" => rng.Pick(["Não fiquei satisfeita.", "Não foi bom.", "Não gostei nada."]),
        _ => rng.Pick(["I was not happy at all.", "Not satisfied.", "Really not impressed."]),
    };

    /// <summary>
    /// A review or comment: 1-3 topic sentences plus an optional closer. Topics listed in
    /// <paramref name="forcedNegative"/> are written negatively whatever the score (e.g. late delivery).
    /// </summary>
    public static string Compose(
        string language, int stars, Prng rng, Topic? forcedNegative = null, int maxSentences = 3)
    {
        var bank = For(language);
        var sb = new StringBuilder();
        var zh = language == "zh";
        var separator = zh ? "" : " ";
        var sentences = 1 + rng.Next(maxSentences);
        Span<bool> used = stackalloc bool[7];
        if (forcedNegative is { } forced)
        {
            sb.Append(Sentence(language, forced, -1, rng));
            used[(int)forced] = true;
            sentences--;
        }

        for (var i = 0; i < sentences; i++)
        {
            var topic = (Topic)rng.Next(7);
            if (used[(int)topic])
            {
                continue;
            }

            used[(int)topic] = true;
            var polarity = stars switch
            {
                >= 4 => rng.Chance(0.92) ? 1 : -1,
                3 => rng.Chance(0.5) ? 1 : -1,
                _ => rng.Chance(0.1) ? 1 : -1,
            };
            if (sb.Length > 0)
            {
                sb.Append(separator);
            }

            sb.Append(Sentence(language, topic, polarity, rng));
        }

        if (stars <= 2 && rng.Chance(0.3))
        {
            sb.Append(separator).Append(NotSatisfied(language, rng));
        }

        if (rng.Chance(0.6))
        {
            var closers = stars >= 4 ? bank.PositiveClosers : stars == 3 ? bank.NeutralClosers : bank.NegativeClosers;
            sb.Append(separator).Append(rng.Pick(closers));
        }

        if (rng.Chance(0.08))
        {
            sb.Append(separator).Append(rng.Pick(stars >= 3 ? bank.PositiveEmoji : bank.NegativeEmoji));
        }

        if (rng.Chance(0.03))
        {
            // Mixed language: a second language tacked on, as bilingual customers write.
            var other = language == "en" ? (rng.Chance(0.5) ? "zh" : "pt") : "en";
            sb.Append(separator).Append(Sentence(other, (Topic)rng.Next(7), stars >= 3 ? 1 : -1, rng));
        }

        return sb.ToString();
    }
}
