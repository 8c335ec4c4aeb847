using Azure.Identity;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Configuration;

namespace MedicalAssistance.Hosting.Tests.Storage;

/// <summary>One code path for storage: configuration chooses a connection string (Azurite) or a managed identity (Azure).</summary>
public sealed class StorageClientsTests(AzuriteFixture azurite)
{
    private static StorageClients From(params (string Key, string Value)[] settings) =>
        StorageClients.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Fact]
    public async Task A_connection_string_reaches_azurite_for_tables_blobs_and_queues()
    {
        var clients = From(("AzureWebJobsStorage", azurite.ConnectionString));
        var storage = new StorageAccount(clients);
        var ct = TestContext.Current.CancellationToken;
        var name = AzuriteFixture.UniqueName("clients");

        await storage.Table(name).CreateIfNotExistsAsync(ct);
        await storage.Container(name).CreateIfNotExistsAsync(cancellationToken: ct);
        await storage.Queue(name).CreateIfNotExistsAsync(cancellationToken: ct);
        await storage.Queue(name).SendMessageAsync("hello", ct);

        Assert.False(clients.UsesIdentity);
        Assert.Null(clients.Credential);
        Assert.True((await storage.Container(name).ExistsAsync(ct)).Value);
        Assert.Equal(1, (await storage.Queue(name).GetPropertiesAsync(ct)).Value.ApproximateMessagesCount);
        Assert.Contains(name, await storage.Tables.QueryAsync(t => t.Name == name, cancellationToken: ct).Select(t => t.Name).ToListAsync(ct));
    }

    [Fact]
    public void An_account_name_with_a_managed_identity_uses_that_identity_at_the_accounts_endpoints()
    {
        var clients = From(
            ("AzureWebJobsStorage:accountName", "stmedical"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001"));
        var storage = new StorageAccount(clients);

        Assert.True(clients.UsesIdentity);
        Assert.Null(clients.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(clients.Credential);
        Assert.Equal(new Uri("https://stmedical.blob.core.windows.net/"), storage.Blobs.Uri);
        Assert.Equal(new Uri("https://stmedical.queue.core.windows.net/"), storage.Queues.Uri);
        Assert.Equal("stmedical", storage.Tables.AccountName);
        Assert.Equal(new Uri("https://stmedical.table.core.windows.net/"), clients.TableServiceUri);
    }

    [Fact]
    public void Explicit_service_urls_win_over_the_account_name()
    {
        var clients = From(
            ("AzureWebJobsStorage:accountName", "stmedical"),
            ("AzureWebJobsStorage:blobServiceUri", "https://stmedical.blob.core.chinacloudapi.cn/"),
            ("AzureWebJobsStorage:queueServiceUri", "https://stmedical.queue.core.chinacloudapi.cn/"),
            ("AzureWebJobsStorage:tableServiceUri", "https://stmedical.table.core.chinacloudapi.cn/"),
            ("AzureWebJobsStorage:credential", "managedidentity"));

        Assert.Equal(new Uri("https://stmedical.blob.core.chinacloudapi.cn/"), new StorageAccount(clients).Blobs.Uri);
        Assert.Equal(new Uri("https://stmedical.queue.core.chinacloudapi.cn/"), clients.QueueServiceUri);
        Assert.Equal(new Uri("https://stmedical.table.core.chinacloudapi.cn/"), clients.TableServiceUri);
    }

    [Fact]
    public void Without_a_credential_setting_a_developer_signs_in_through_the_default_credential()
    {
        var clients = From(("AzureWebJobsStorage:accountName", "stmedical"));

        Assert.IsType<DefaultAzureCredential>(clients.Credential);
    }

    [Fact]
    public void A_connection_string_wins_over_identity_settings()
    {
        var clients = From(("AzureWebJobsStorage", azurite.ConnectionString), ("AzureWebJobsStorage:accountName", "stmedical"));

        Assert.False(clients.UsesIdentity);
        Assert.Equal(azurite.ConnectionString, clients.ConnectionString);
        Assert.Equal(azurite.BlobPort, new StorageAccount(clients).Blobs.Uri.Port);
    }

    [Fact]
    public void No_storage_setting_stops_with_a_message_that_names_the_settings()
    {
        var error = Assert.Throws<InvalidOperationException>(() => From());

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains("__accountName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_http_service_url_is_refused_because_tokens_need_tls()
    {
        var error = Assert.Throws<InvalidOperationException>(() => From(
            ("AzureWebJobsStorage:blobServiceUri", "http://127.0.0.1:10000/devstoreaccount1"),
            ("AzureWebJobsStorage:queueServiceUri", "https://stmedical.queue.core.windows.net/"),
            ("AzureWebJobsStorage:tableServiceUri", "https://stmedical.table.core.windows.net/")));

        Assert.Contains("AzureWebJobsStorage__blobServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_credential_kind_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => From(
            ("AzureWebJobsStorage:accountName", "stmedical"), ("AzureWebJobsStorage:credential", "accountkey")));

        Assert.Contains("AzureWebJobsStorage__credential", error.Message, StringComparison.Ordinal);
    }
}
