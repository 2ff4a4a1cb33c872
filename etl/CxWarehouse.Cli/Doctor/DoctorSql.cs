using CxWarehouse.IO;

namespace CxWarehouse.Cli.Doctor;

/// <summary>The doctor's queries, in <c>etl/CxWarehouse.Cli/Sql/doctor.sql</c>, shipped inside the program.</summary>
internal static class DoctorSql
{
    private static readonly SqlFiles s_files = new(typeof(DoctorSql).Assembly);

    public static string Get(string name, params (string Marker, string Sql)[] pieces) =>
        s_files.Get("doctor.sql", name, pieces);
}
