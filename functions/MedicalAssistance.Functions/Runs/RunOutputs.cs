using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
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

    /// <summary>
    /// Stages one block of a file (<see cref="CheckpointedCsvOutput"/>): uncommitted until <see cref="CommitBlocksAsync"/>; the
    /// same id staged again replaces it.
    /// </summary>
    public async Task StageBlockAsync(string name, string period, string file, string blockId, Stream content, CancellationToken cancellationToken) =>
        await _container.GetBlockBlobClient(PathOf(name, period, file)).StageBlockAsync(blockId, content, cancellationToken: cancellationToken);

    /// <summary>Makes the file the staged blocks in this order (blocks staged but not listed are dropped).</summary>
    public async Task CommitBlocksAsync(string name, string period, string file, IEnumerable<string> blockIds, CancellationToken cancellationToken) =>
        await _container.GetBlockBlobClient(PathOf(name, period, file)).CommitBlockListAsync(blockIds, cancellationToken: cancellationToken);

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
