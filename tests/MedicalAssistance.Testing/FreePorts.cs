using System.Net;
using System.Net.Sockets;

namespace MedicalAssistance.Testing;

public static class FreePorts
{
    /// <summary>Asks the OS for a free loopback port. Another process could take it before use; the caller retries if so.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
