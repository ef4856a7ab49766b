namespace CdsHooksIcans.Service.Feedback;

/// <summary>Where feedback and the record of issued cards are stored, and who may read the summary (section <c>CdsHooks:Feedback</c>).</summary>
public sealed class FeedbackOptions
{
    public const string Section = "CdsHooks:Feedback";

    /// <summary>The connection string (<c>ConnectionStrings:Feedback</c>) of the PostgreSQL store.</summary>
    public const string ConnectionStringName = "Feedback";

    /// <summary><c>Sqlite</c> (embedded, one instance) or <c>PostgreSql</c> (shared by replicas; needs <c>ConnectionStrings:Feedback</c>).</summary>
    public FeedbackProvider Provider { get; set; } = FeedbackProvider.Sqlite;

    /// <summary>The SQLite file; a relative path is under the content root. The default is <c>data/feedback.db</c>.</summary>
    public string DatabasePath { get; set; } = "data/feedback.db";

    /// <summary>How long an issued card accepts feedback; its record is deleted after that. The default is 30 days.</summary>
    public TimeSpan IssuedCardRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Items one feedback request may carry; a client sends one per card. The default is 50.</summary>
    public int MaxItemsPerRequest { get; set; } = 50;

    /// <summary>
    /// SHA-256 (hex) of each operator key that may read <c>GET /cds-services/{id}/feedback/summary</c> with
    /// <c>Authorization: Bearer KEY</c>. None by default: the summary is then refused to everyone.
    /// </summary>
    public List<string> OperatorKeySha256 { get; set; } = [];
}
