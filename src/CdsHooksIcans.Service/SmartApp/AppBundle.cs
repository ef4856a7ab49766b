using CdsHooksIcans.Clinical.Reading;
using CdsHooksIcans.Service.Protocol;
using Hl7.Fhir.Model;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace CdsHooksIcans.Service.SmartApp;

/// <summary>What the bedside app sends its endpoints: a FHIR Bundle of one patient's resources, read the way prefetch is read.</summary>
/// <param name="PatientId">The id of the Bundle's Patient.</param>
/// <param name="Resources">The Bundle's resources.</param>
public sealed record AppBundle(string PatientId, List<Resource> Resources)
{
    /// <summary>
    /// Reads the body within <paramref name="maxBytes"/>; anything but a Bundle holding a Patient with an id is a 400
    /// OperationOutcome, the same for every app endpoint.
    /// </summary>
    public static async Task<AppBundle> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        List<Resource> resources;
        using (var body = await JsonRequestBody.ReadAsync(request, maxBytes, cancellationToken))
        {
            resources = FhirJson.TryParse(body.RootElement) is Bundle bundle
                ? [.. FhirJson.Entries(bundle)]
                : throw CdsRequestException.BadRequest(OperationOutcome.IssueType.Structure, "The body must be a FHIR Bundle of the patient's resources.");
        }

        var patientId = resources.OfType<Patient>().Select(p => p.Id).FirstOrDefault(id => !string.IsNullOrWhiteSpace(id))
            ?? throw CdsRequestException.BadRequest(OperationOutcome.IssueType.Required, "The Bundle must hold the Patient, with its id.", "entry");
        return new AppBundle(patientId, resources);
    }
}
