using ChatOpsBot.Testing.Postgres;

// One throwaway PostgreSQL cluster for the whole run, started only if a test asks for it.
[assembly: AssemblyFixture(typeof(PostgresFixture))]
