import PulseStore
import Testing

@Suite struct SQLStatementsTests {
    @Test func splitsOnTopLevelSemicolons() {
        #expect(SQLStatements.split("SELECT 1; SELECT 2;\n\nSELECT 3") == ["SELECT 1", "SELECT 2", "SELECT 3"])
    }

    @Test func keepsSemicolonsInsideLiteralsIdentifiersAndComments() {
        let sql = """
            -- a comment; with a semicolon
            INSERT INTO t VALUES ('a;b', 'it''s; fine', E'back\\\\slash\\'; still');
            /* block; /* nested; */ still comment; */
            CREATE TABLE "odd;name" (id int);
            """
        let statements = SQLStatements.split(sql)
        #expect(statements.count == 2)
        #expect(statements[0].hasSuffix("E'back\\\\slash\\'; still')"))
        #expect(statements[1].hasSuffix("CREATE TABLE \"odd;name\" (id int)"))
    }

    @Test func keepsDollarQuotedBodiesWhole() {
        let sql = """
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'no; never';
            END;
            $$;
            DO $body$ BEGIN PERFORM 1; END $body$;
            SELECT $1;
            """
        let statements = SQLStatements.split(sql)
        #expect(statements.count == 3)
        #expect(statements[0].hasPrefix("CREATE FUNCTION") && statements[0].hasSuffix("$$"))
        #expect(statements[1] == "DO $body$ BEGIN PERFORM 1; END $body$")
        #expect(statements[2] == "SELECT $1")
    }

    @Test func wordsEndingInEAndDollarsInIdentifiersAreNotQuotes() {
        #expect(SQLStatements.split("SELECT date'2026-01-01\\'; SELECT 2") == ["SELECT date'2026-01-01\\'", "SELECT 2"])
        #expect(SQLStatements.split("SELECT a$b$ FROM t; SELECT 2") == ["SELECT a$b$ FROM t", "SELECT 2"])
    }

    @Test func dropsEmptyAndCommentOnlyStatements() {
        #expect(SQLStatements.split(";; -- nothing\n ; /* none */ ;").isEmpty)
    }
}
