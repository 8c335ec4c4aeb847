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

    /// <summary>
    /// Asks the OS for <paramref name="count"/> different free loopback ports. All are held open until every one is
    /// chosen: asking one at a time can hand back the same just-released port twice (it did, in CI).
    /// </summary>
    public static int[] Distinct(int count)
    {
        var listeners = new TcpListener[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                listeners[i] = new TcpListener(IPAddress.Loopback, 0);
                listeners[i].Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener?.Stop();
            }
        }
    }
}
