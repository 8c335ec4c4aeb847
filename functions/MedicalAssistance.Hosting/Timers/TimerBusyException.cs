namespace MedicalAssistance.Hosting.Timers;

/// <summary>Timer <c>{name}</c> is already running on another instance: the run request is retried later.</summary>
public sealed class TimerBusyException(string name) : Exception($"Timer '{name}' is running elsewhere; the request will be retried.");
