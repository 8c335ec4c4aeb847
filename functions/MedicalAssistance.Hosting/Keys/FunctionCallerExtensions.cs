namespace MedicalAssistance.Hosting.Keys;

public static class FunctionCallerExtensions
{
    /// <summary>The caller whose key <see cref="FunctionKeyGuard"/> verified; null on functions that need no key.</summary>
    public static FunctionCaller? GetFunctionCaller(this HttpContext context) => FunctionKeyGuard.CallerOf(context);
}
