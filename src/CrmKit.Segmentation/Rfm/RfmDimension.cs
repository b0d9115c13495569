namespace CrmKit.Segmentation;

/// <summary>One of the three RFM dimensions a score is given on.</summary>
public enum RfmDimension
{
    /// <summary>Days since the last purchase (fewer is better).</summary>
    Recency,

    /// <summary>Number of purchases.</summary>
    Frequency,

    /// <summary>Amount spent.</summary>
    Monetary,
}
