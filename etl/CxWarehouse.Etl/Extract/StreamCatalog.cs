using static CxWarehouse.Etl.Extract.FieldType;

namespace CxWarehouse.Etl.Extract;

/// <summary>The canonical streams every source is mapped to. Documented in README.md.</summary>
public static class StreamCatalog
{
    private static CanonicalField F(string name, FieldType type, string description, bool required = false) =>
        new(name, type, required, description);

    public static readonly CanonicalStream Customers = new(
        "crm.customers", "One row per CRM customer or contact record.", ["customer_id"], "updated_at",
        [
            F("customer_id", FieldType.Text, "CRM record id", required: true),
            F("person_id", FieldType.Text, "id the source itself uses for the person, when it has one (else customer_id)"),
            F("first_name", FieldType.Text, "given name"),
            F("last_name", FieldType.Text, "family name"),
            F("email", FieldType.Text, "email as written in the source"),
            F("phone", FieldType.Text, "phone as written in the source"),
            F("city", FieldType.Text, "city"),
            F("country", FieldType.Text, "country"),
            F("segment", FieldType.Text, "customer segment"),
            F("location_id", FieldType.Text, "home location code"),
            F("lead_source", FieldType.Text, "how the customer was acquired"),
            F("is_opted_out", Bool, "opted out of marketing email"),
            F("created_at", Timestamp, "when the record was created (UTC)"),
            F("updated_at", Timestamp, "last modification (UTC), the cursor"),
        ]);

    public static readonly CanonicalStream Orders = new(
        "crm.orders", "One row per order or booking.", ["order_id"], "updated_at",
        [
            F("order_id", FieldType.Text, "order or booking id", required: true),
            F("customer_id", FieldType.Text, "CRM customer id"),
            F("ordered_at", Timestamp, "when the order was placed or the booking won (UTC)", required: true),
            F("status", FieldType.Text, "order status (won, lost, open, delivered, canceled...)"),
            F("is_won", Bool, "the order counts as a sale"),
            F("amount", Money, "order value in the order currency"),
            F("currency", FieldType.Text, "ISO 4217 currency code"),
            F("location_id", FieldType.Text, "location code"),
            F("product_id", FieldType.Text, "product or package code"),
            F("channel", FieldType.Text, "sales channel (web, phone, studio...)"),
            F("campaign_id", FieldType.Text, "attributed campaign id"),
            F("service_date", Date, "date of the shoot or service"),
            F("delivered_at", Timestamp, "when the work was delivered (UTC)"),
            F("promised_at", Timestamp, "promised delivery (UTC)"),
            F("updated_at", Timestamp, "last modification (UTC), the cursor"),
        ]);

    public static readonly CanonicalStream Loyalty = new(
        "crm.loyalty", "One row per loyalty programme membership.", ["member_id"], "updated_at",
        [
            F("member_id", FieldType.Text, "membership id", required: true),
            F("customer_id", FieldType.Text, "CRM customer id", required: true),
            F("enrolled_on", Date, "enrolment date"),
            F("tier", FieldType.Text, "tier (Bronze, Silver, Gold...)"),
            F("status", FieldType.Text, "membership status"),
            F("points", Integer, "points balance"),
            F("channel", FieldType.Text, "enrolment channel"),
            F("updated_at", Timestamp, "last modification (UTC), the cursor"),
        ]);

    public static readonly CanonicalStream Tickets = new(
        "crm.tickets", "One row per support ticket or complaint.", ["ticket_id"], "updated_at",
        [
            F("ticket_id", FieldType.Text, "ticket id", required: true),
            F("ticket_number", FieldType.Text, "human-facing ticket number"),
            F("customer_id", FieldType.Text, "CRM customer id"),
            F("email", FieldType.Text, "email supplied with the ticket"),
            F("created_at", Timestamp, "ticket creation (UTC)", required: true),
            F("first_response_at", Timestamp, "first agent response (UTC)"),
            F("resolved_at", Timestamp, "resolution (UTC)"),
            F("status", FieldType.Text, "ticket status"),
            F("priority", FieldType.Text, "priority"),
            F("channel", FieldType.Text, "channel the ticket came in by (email, web, phone, chat, social)"),
            F("ticket_type", FieldType.Text, "question, problem, complaint..."),
            F("is_complaint", Bool, "the ticket is a complaint"),
            F("subject", FieldType.Text, "subject line"),
            F("description", FieldType.Text, "first message text"),
            F("location_id", FieldType.Text, "location code"),
            F("agent_id", FieldType.Text, "owning agent"),
            F("updated_at", Timestamp, "last modification (UTC), the cursor"),
        ]);

    public static readonly CanonicalStream Campaigns = new(
        "crm.campaigns", "One row per marketing campaign, with its spend.", ["campaign_id"], "updated_at",
        [
            F("campaign_id", FieldType.Text, "campaign id", required: true),
            F("name", FieldType.Text, "campaign name"),
            F("channel", FieldType.Text, "marketing channel (email, social, paid search...)"),
            F("started_on", Date, "start date"),
            F("ended_on", Date, "end date"),
            F("spend", Money, "actual cost"),
            F("currency", FieldType.Text, "ISO 4217 currency code"),
            F("location_id", FieldType.Text, "location code, empty for all"),
            F("updated_at", Timestamp, "last modification (UTC), the cursor"),
        ]);

    public static readonly CanonicalStream Agents = new(
        "crm.agents", "One row per agent or user who handles contacts.", ["agent_id"], null,
        [
            F("agent_id", FieldType.Text, "user id", required: true),
            F("username", FieldType.Text, "login name used by the phone system"),
            F("name", FieldType.Text, "display name"),
            F("location_id", FieldType.Text, "location code"),
        ]);

    public static readonly CanonicalStream WebEvents = new(
        "web.events", "One row per web analytics event.", ["event_key"], "event_at",
        [
            F("event_key", FieldType.Text, "unique event key (pseudo id, timestamp, name, position)", required: true),
            F("event_at", Timestamp, "event time (UTC)", required: true),
            F("event_date", Date, "event date in the analytics property's time zone"),
            F("event_name", FieldType.Text, "event name", required: true),
            F("user_pseudo_id", FieldType.Text, "anonymous device or browser id", required: true),
            F("user_id", FieldType.Text, "signed-in user id (the CRM id)"),
            F("session_id", FieldType.Text, "session id from the tool"),
            F("page_location", FieldType.Text, "page URL"),
            F("page_title", FieldType.Text, "page title"),
            F("page_referrer", FieldType.Text, "referrer URL"),
            F("engagement_ms", Integer, "engagement time in milliseconds"),
            F("traffic_source", FieldType.Text, "acquisition source"),
            F("traffic_medium", FieldType.Text, "acquisition medium"),
            F("campaign", FieldType.Text, "acquisition campaign"),
            F("device_category", FieldType.Text, "desktop, mobile or tablet"),
            F("country", FieldType.Text, "visitor country"),
            F("city", FieldType.Text, "visitor city"),
            F("transaction_id", FieldType.Text, "order id of a purchase"),
            F("revenue", Money, "purchase revenue"),
            F("currency", FieldType.Text, "ISO 4217 currency code"),
            F("item_id", FieldType.Text, "first item's id"),
            F("item_category", FieldType.Text, "first item's category"),
        ]);

    public static readonly CanonicalStream Calls = new(
        "calls.calls", "One row per call or contact.", ["call_id"], "updated_at",
        [
            F("call_id", FieldType.Text, "contact id", required: true),
            F("initiated_at", Timestamp, "when the call started (UTC)", required: true),
            F("channel", FieldType.Text, "voice, chat..."),
            F("direction", FieldType.Text, "inbound, outbound, transfer, callback"),
            F("customer_phone", FieldType.Text, "caller's number"),
            F("location_id", FieldType.Text, "location code"),
            F("queue", FieldType.Text, "queue name"),
            F("agent", FieldType.Text, "agent username"),
            F("answered_at", Timestamp, "when an agent answered (UTC)"),
            F("ended_at", Timestamp, "when the call ended (UTC)"),
            F("queue_s", Number, "seconds waiting in queue"),
            F("talk_s", Number, "seconds talking"),
            F("hold_s", Number, "seconds on hold"),
            F("acw_s", Number, "after-call work seconds"),
            F("is_answered", Bool, "an agent answered", required: true),
            F("is_resolved", Bool, "resolved on the call, where the system records it"),
            F("topic", FieldType.Text, "topic or reason"),
            F("satisfaction", Number, "post-call rating, where the system records it"),
            F("disconnect_reason", FieldType.Text, "who or what ended the call"),
            F("updated_at", Timestamp, "last update of the record (UTC), the cursor"),
        ]);

    public static readonly CanonicalStream SurveyResponses = new(
        "surveys.responses", "One row per survey response.", ["response_id"], "responded_at",
        [
            F("response_id", FieldType.Text, "response id", required: true),
            F("responded_at", Timestamp, "when the response was recorded (UTC)", required: true),
            F("status", FieldType.Text, "response status as the tool writes it (previews and tests are not real responses)"),
            F("started_at", Timestamp, "when the respondent started the survey (UTC)"),
            F("customer_id", FieldType.Text, "CRM customer id, when the source has it"),
            F("email", FieldType.Text, "respondent email"),
            F("first_name", FieldType.Text, "respondent given name"),
            F("last_name", FieldType.Text, "respondent family name"),
            F("touchpoint_type", FieldType.Text, "what the survey follows (order, call, ticket)"),
            F("touchpoint_id", FieldType.Text, "id of the order, call or ticket"),
            F("location_id", FieldType.Text, "location code"),
            F("channel", FieldType.Text, "distribution channel"),
            F("language", FieldType.Text, "response language"),
            F("is_finished", Bool, "the respondent finished the survey"),
            F("nps_score", Integer, "0-10 likelihood to recommend"),
            F("csat_score", Integer, "1-5 satisfaction"),
            F("ces_score", Integer, "1-7 effort (7 = very easy)"),
            F("comment", FieldType.Text, "free-text comment"),
        ]);

    public static readonly CanonicalStream Reviews = new(
        "reviews.reviews", "One row per review on a review site.", ["review_id"], "updated_at",
        [
            F("review_id", FieldType.Text, "review id", required: true),
            F("platform", FieldType.Text, "review site", required: true),
            F("location_id", FieldType.Text, "location code"),
            F("author_name", FieldType.Text, "reviewer display name"),
            F("rating", Number, "1-5 star rating", required: true),
            F("title", FieldType.Text, "review title"),
            F("text", FieldType.Text, "review text"),
            F("language", FieldType.Text, "language, when known"),
            F("posted_at", Timestamp, "when the review was posted (UTC)", required: true),
            F("reply_text", FieldType.Text, "owner reply"),
            F("replied_at", Timestamp, "when the owner replied (UTC)"),
            F("order_id", FieldType.Text, "order the review is about, where the site links it"),
            F("updated_at", Timestamp, "last update (UTC), the cursor"),
        ]);

    /// <summary>Every canonical stream, in load order.</summary>
    public static readonly IReadOnlyList<CanonicalStream> All =
        [Customers, Orders, Loyalty, Tickets, Campaigns, Agents, WebEvents, Calls, SurveyResponses, Reviews];

    public static CanonicalStream Get(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"no canonical stream '{name}'");
}
