namespace MedicalAssistance.Testing;

/// <summary>Finds the repository root from a test's output folder, so tests can use committed files (golden cases, node_modules).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The repository's docs/ folder: rule specification, golden cases, policy documents.</summary>
    public static string Docs => Path.Combine(Root, "docs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MedicalAssistance.Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MedicalAssistance.Serverless.sln not found above " + AppContext.BaseDirectory);
    }
}
