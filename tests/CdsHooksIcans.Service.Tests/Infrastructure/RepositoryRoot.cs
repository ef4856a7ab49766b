using System.Reflection;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CdsHooksIcans.Service.Tests.Infrastructure;

/// <summary>The repository root: the first directory holding CdsHooksIcans.sln above the test binaries or the service project.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    private static string Find()
    {
        // Builds with --artifacts-path put the binaries outside the repository; the content root that
        // Mvc.Testing records at build time still points into it.
        var starts = typeof(RepositoryRoot).Assembly.GetCustomAttributes<WebApplicationFactoryContentRootAttribute>()
            .Select(attribute => attribute.ContentRootPath)
            .Prepend(AppContext.BaseDirectory);

        foreach (var start in starts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "CdsHooksIcans.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("CdsHooksIcans.sln was not found above " + AppContext.BaseDirectory);
    }
}
