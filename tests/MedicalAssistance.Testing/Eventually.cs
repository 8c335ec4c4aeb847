using Xunit;

namespace MedicalAssistance.Testing;

/// <summary>Waits for a condition with a bounded timeout (never a guessed sleep): fails with the description if it never holds.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string description, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {description}");
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string description, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), description, timeout);
}
