using System.Globalization;
using System.Text;
using NodaTime;

namespace CrmKit.Customers.Privacy;

/// <summary>What <see cref="PersonalDataEraser"/> did.</summary>
public enum ErasureOutcome
{
    /// <summary>The customer's personal data was removed now.</summary>
    Erased,

    /// <summary>The customer had been erased before; nothing changed.</summary>
    AlreadyErased,

    /// <summary>Nothing is held under that id (never was, or merged away and erased with its survivor); nothing changed.</summary>
    NotHeld,
}
