-- sentiment_label(score): a cx_sentiment score's label, as cx_sentiment_label gives it for the same text: positive
-- above 0.05, negative below -0.05, else neutral, and NULL for no score (SentimentResult.LabelOf in
-- etl/CxWarehouse.Text). Models score a text once with cx_sentiment and label the score, instead of analysing the
-- text a second time for its label.
create or replace macro sentiment_label(score) as (
    case
        when score > 0.05 then 'positive'
        when score < -0.05 then 'negative'
        when score is not null then 'neutral'
    end
)
