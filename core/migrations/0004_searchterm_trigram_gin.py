from django.db import migrations

from core.postgres import PostgresOnlySQL

GIST = (
    "CREATE INDEX cities_searchterm_word_trgm_idx ON cities_searchterm "
    "USING gist (word gist_trgm_ops(siglen=256));"
)
GIN = (
    "CREATE INDEX cities_searchterm_word_trgm_idx ON cities_searchterm "
    "USING gin (word gin_trgm_ops);"
)
DROP = "DROP INDEX IF EXISTS cities_searchterm_word_trgm_idx;"


# The vocabulary's trigram index as GIN instead of GiST: at the 20,000 words
# of 100,000 benchmark articles a word-similarity lookup reads a few posting
# lists in under a millisecond, where the GiST index checked its signatures
# for 5 to 15 ms („Partnerschaft“, the typo „Bergbanhof“); the planner
# chooses it for every lookup search makes.
class Migration(migrations.Migration):
    dependencies = [("core", "0003_searchterm_documents")]

    operations = [PostgresOnlySQL(DROP + GIN, DROP + GIST)]
