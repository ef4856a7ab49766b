namespace CdsHooksIcans.Clinical; internal static class Placeholder { }
