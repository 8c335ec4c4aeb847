using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// Blobs <c>reports/{name}/{period}/{file}</c>: a run writes each output as a stream (block upload, nothing held whole in
/// memory), overwriting what a crashed attempt left; the API hands them out by name.
/// </summary>
public sealed class RunOutputs(StorageAccount storage, string containerName)
{
    private readonly BlobContainerClient _container = storage.Container(containerName);

    public static string PathOf(string name, string period, string file) => $"{name}/{period}/{file}";

    public static string UrlOf(string name, string period, string file) => $"/api/runs/{name}/{period}/outputs/{file}";

    public async Task<Stream> OpenWriteAsync(string name, string period, string file, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(PathOf(name, period, file));
        return await blob.OpenWriteAsync(overwrite: true, new BlobOpenWriteOptions { BufferSize = 1024 * 1024 }, cancellationToken);
    }

    /// <summary>The file as a stream with its length, or null when the run wrote no such file.</summary>
    public async Task<(Stream Content, long Length)?> OpenReadAsync(string name, string period, string file, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(PathOf(name, period, file));
        try
        {
            var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            return (response.Value.Content, response.Value.Details.ContentLength);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
