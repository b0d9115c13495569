namespace CrmKit.CareProcess;

/// <summary>A process definition read from a JSON file by <see cref="ProcessJson.ReadFolder"/> or <see cref="ProcessJson.ReadFiles"/>.</summary>
/// <param name="Name">The file as problems name it: the file name for a folder, the path as given for a list of files.</param>
/// <param name="Definition">The valid definition the file holds.</param>
public sealed record ProcessFile(string Name, ProcessDefinition Definition);
