namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>The iec-product codes that stand for "a product of this class, not known which" (<c>car-t-other</c>, <c>tce-other</c>).</summary>
internal enum PlaceholderProduct
{
    CarTOther,
    TceOther,
}
