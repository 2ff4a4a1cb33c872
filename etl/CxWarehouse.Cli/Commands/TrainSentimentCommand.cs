using System.CommandLine;
using System.Text;
using CxWarehouse.Text;

namespace CxWarehouse.Cli.Commands;

/// <summary><c>cxw train-sentiment</c>: retrains the shipped sentiment models from the labelled public texts.</summary>
internal static class TrainSentimentCommand
{
    public static Command Create()
    {
        var text = new Option<string>("--text")
        {
            Description = "Folder of the labelled public texts (shared/realdata/text).",
            DefaultValueFactory = _ => Path.Combine("..", "shared", "realdata", "text"),
        };
        var olist = new Option<string>("--olist")
        {
            Description = "The Olist reviews CSV (Portuguese).",
            DefaultValueFactory = _ => Path.Combine("..", "shared", "realdata", "olist", "olist_order_reviews_dataset.csv"),
        };
        var output = new Option<string>("--out")
        {
            Description = "Folder to write model-{language}.tsv into (the embedded lexicon folder).",
            DefaultValueFactory = _ => Path.Combine("etl", "CxWarehouse.Text", "Lexicons"),
        };
        var languages = new Option<string[]>("--language")
        {
            Description = "Languages to train (en, zh, pt; default all).",
            DefaultValueFactory = _ => ["en", "zh", "pt"],
            AllowMultipleArgumentsPerToken = true,
        };
        var evaluate = new Option<bool>("--evaluate")
        {
            Description = "Also measure each domain with a model trained without it (leave one domain out).",
        };
        var command = new Command("train-sentiment", """
            Train the sentiment models that ship in the program (logistic regression over words or characters
            and the lexicon score) from the labelled public texts, deterministically: the same texts give the
            same files. Run from the repository root; the repository's own held-out test texts
            (tests/CxWarehouse.Text.Tests/) are never trained on, nor is the Olist evaluation half.
            """) { text, olist, output, languages, evaluate };
        command.SetAction(parse =>
        {
            var context = CliContext.From(parse);
            return Guard.Run(context, () =>
            {
                var excluded = SentimentCorpus.TestFileTexts(
                    Path.Combine("tests", "CxWarehouse.Text.Tests", "Public"),
                    Path.Combine("tests", "CxWarehouse.Text.Tests", "Labelled"));
                var corpus = new SentimentCorpus(parse.GetValue(text)!, parse.GetValue(olist), excluded);
                var trainer = new SentimentTrainer();
                foreach (var language in parse.GetValue(languages)!)
                {
                    var texts = corpus.Read(language);
                    var path = Path.Combine(parse.GetValue(output)!, $"model-{language}.tsv");
                    using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
                    {
                        trainer.TrainShipped(language, texts, writer);
                    }
                    context.Log.Info($"{language}: trained on {SentimentTrainer.ShippedTrainingSet(texts).Count:N0} "
                        + $"texts, wrote {path}");
                    if (parse.GetValue(evaluate))
                    {
                        var shipped = SentimentAnalyzer.LexiconOnly.WithModels([trainer.Train(language,
                            SentimentTrainer.ShippedTrainingSet(texts), SentimentAnalyzer.LexiconOnly)]);
                        var evaluation = texts.Where(t => t.Domain == SentimentCorpus.OlistEvaluation).ToList();
                        if (evaluation.Count > 0)
                        {
                            Console.WriteLine("held-out half, lexicon only:   " + SentimentFigures.Measure(
                                SentimentCorpus.OlistEvaluation, evaluation,
                                t => SentimentAnalyzer.LexiconOnly.Analyze(t, language).Label));
                            Console.WriteLine("held-out half, shipped model:  " + SentimentFigures.Measure(
                                SentimentCorpus.OlistEvaluation, evaluation, t => shipped.Analyze(t, language).Label));
                        }
                        foreach (var (lexicon, model) in trainer.LeaveOneDomainOut(language, texts)
                                     .Concat(trainer.LeaveOneCategoryOut(language, texts)))
                        {
                            Console.WriteLine($"held-out domain, lexicon only:  {lexicon}");
                            Console.WriteLine($"held-out domain, model+lexicon: {model}");
                        }
                    }
                }
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
