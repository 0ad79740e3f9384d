/*
 * migrate_released.c — the SHA-256 of every text of a numbered migration
 * that a gbetl release applied (see migrate.h).
 *
 * The text of released migrations was rewritten three times, each time
 * leaving the schema they make unchanged (tests/integration/t_upgrade.sh
 * compares an upgraded database with a fresh one): when their functions and
 * views moved to the repeatable files (schemas/functions, schemas/views;
 * migration 016); when the COMMENTs of their tables and columns moved to the
 * data dictionary (schemas/dictionary.tsv; 017's four identical ALTER TABLEs
 * became one loop then); and when 002's core tables took their provenance
 * columns, and 013's breakdown its split columns, from one definition.  A
 * database made by an earlier gbetl records the old texts' checksums; they
 * are known here, so that such a database upgrades without a warning, while
 * any other difference (a released migration edited by hand) is still
 * reported.  Made from the repository's history, before the rewrite is
 * committed, with:
 *   for f in schemas/0[0-9][0-9]_*.sql; do b=${f#schemas/};
 *   v=$((10#${b%%_*})); git log --format=%H -- $f | while read c; do
 *   echo "$v $(git show $c:$f | sha256sum | cut -c1-64)"; done; done |
 *   sort -k1,1n -k2,2 -u
 */
#include "migrate.h"

#include <string.h>

static const struct {
	int version;
	const char *sha256;
} released[] = {
    {1, "99daa0e02f75c5db8d322362e7182c566a6e72bafe3732db7053504cba84a896"},
    {1, "c083a5b3296e7c9273ac5a1aa4e5bbdb4e5c35ea1aced7e969aea3b3b7f7fd9b"},
    {1, "c7f5a997e2d46c50bc83779b625b9b54ee1999f0e6c4e6726973fe80eba2c85d"},
    {2, "2c2c30fc09a2929dbfb37da9234ba08e0dc352972fd72a42c097634d68459735"},
    {2, "300be338867d85650c59ebe9368192e9b7a5d35ce483fc2fa57aa804b58f15da"},
    {2, "861f6bae6df33638c7feb087d5d82fdb046302b2bf83f71f99e762afae5efa62"},
    {3, "08464f9b1361b9394ed4cbac0a41628aca77d5f6f7de548463c0f4b6eaa0073a"},
    {3, "35a319dd258b75233e4ec0822a8b6861b0de9422c42c8bb15e9dde26a142a99d"},
    {3, "d3b8360f09e98beb246144372e4fffe8c3abfb9cc9d9da5fad2509e832200132"},
    {4, "31108ab85b695533fd9ef00000384d35f672cf1c4ada038a3380d16c679991b0"},
    {4, "9012bb9dda4dd319e0c2ac0d856528f71a37d895426d5638c86ad524a089cf17"},
    {4, "92b2bad27f2d4d6ab1f8a19c6d21a496d16cbd3e6680a7721306c1cb8fbc6540"},
    {4, "a1b8bb129e4fdc17a222753cf1beed654a9b26a5dbff193ef9284d170080df9d"},
    {5, "52d663f47b660549dace8bdccf15991a9fbcd27c3ff21fa080d67ad4486572e8"},
    {5, "5cb19c72e11dc5a051cbcab78ec56d6b5fd76643e5a25de032900c39a293421b"},
    {5, "8ef8c73153609786e69e66a29a0adcf22539ba06d558b5f4cb4bcb2f832bdc02"},
    {5, "9f92ab03efd2b06c60d368d940898b883b210154ef1b78622e0a9936d95bfb87"},
    {6, "7f485c65536cddc4afc0c32165f0539db59b107a924c1d3a83a5bc6566ee75c5"},
    {6, "b3db2e5c042aa4c986d63653d4ea660a6bad02e8241fba750b650d18db58a1d6"},
    {7, "1886daed8d11d1a2abdd512442e02699beb6703c75f90fd0c38fc2fc69270232"},
    {7, "79bb5d3f52eb12a91410c6be20f93b7d3d1eb75fb91e41ab375a8dfa8d143f83"},
    {7, "a76b6d926183a7b34c347b57e00af31c8a9f0e958d71146c5be50b8f9b67e1ca"},
    {7, "c8011dc80d5b22262b4530974082cfa6462f11f599c268cff6be328682f51875"},
    {8, "bded50f5bcacf128c76f6a3f456a1352cb4e45841738a9b9703506a13f2e2dfd"},
    {8, "d81c74f89bd89a1789a6dec9fca6660b5e36deeb59ccd4ce8ded0241e6aeb3c9"},
    {9, "3cc8a1a48467b7b2afdce88b8237c44a1dfaecf278b6f750bac68c501d4843f5"},
    {9, "7c8e6aa9dffddce57e8a1c6e84c793618fcd8c2bb7555494cb5c86a09b8e0a20"},
    {10, "4f153a392fc1637c72b76252ec5f92769e18f0873816fc4217e26e77730b0da6"},
    {10, "bfd925ff3820000895ba61db70508a79ab65ae395edbd4387670e082d3a6b0fe"},
    {10, "c6822fa5c69af0a83b700338968e0a490460869cc2af649c0d57dac22dfd357a"},
    {11, "848d43f573aabf33468a08c9bd59a7c4322f9371bb373fcd562cc652a220f2ca"},
    {11, "a34cc2a8f83b900bb2d8b25a4f097c78e3a82d3102dffe7d6e600f33727f537a"},
    {11, "d9cb01be8f57daf1b7e35144ed1420814c91f01000944bb614cee690401a874b"},
    {12, "2a3753574a4a2923e957ca1592133eead777ff639c9df19d5f767db39e48d77d"},
    {12, "515b8b44144ccbf02bc5fab135b8031f68dbd432e1a66196ac897086e0630d39"},
    {12, "b5820d943f0e07dabd7fda129000465afd7616b52f7aa62d79860da925913c5c"},
    {13, "36a5b4a19faec0d3c0f0fb9dad3b1fb80d26f4c8578484748b9aaf6fa37e08a6"},
    {13, "65f3b9cdfb9ce71f80915f53dafb5b2eccfa30f9d07dccb0b9b0e4e085b376ab"},
    {13, "727853754fc12c44269d2b509cdaa105358d0886c1c603ea02bb8e783678cb24"},
    {13, "78a03a2426095041460a381b5d4afc2aa731ce23cff4a1d2e0fe55b22c413edf"},
    {13, "903a221a01e1a9e371d15de1ec4936cc529cb26815e0c760bd512121a9949380"},
    {13, "919d3044e09078d830c8865d95e03d82483b2d33cba638c276315c696c412aec"},
    {14, "0c897bd44de3dba642dbb20cac08ad7b7bce7977e6e25dce3a629e1640ba6bd8"},
    {14, "695424366b3ae4e4b04e1070607e210cf1e415ac4d599899545ff4e68f0c72c2"},
    {14, "8f3d4842aabaa5c25caf37bb8d3ead298bd78f1f10974f874698c0ab6d5254ff"},
    {14, "f8f3eda9fec4fdc6898ec86f614ae5102ac2f582b21309e1719b10ff8b0794bb"},
    {14, "fb9b0f35f8cd39521185f5cf62a20c235d528b8fb63f7ee67045c2a727c60f07"},
    {15, "0b798bfd6e49ae7f49ae206974a984cccc5222ff3d378be6f84d9f2f7dd62b30"},
    {15, "382746fba571f5714dc54d0666fa49e8a73d408e5674dc63701fa32ff109fea6"},
    {15, "b863c6c4aa7505468de5858da62e0d94d46bae4c160a669ef51e3006368d406b"},
    {16, "16cff8c79ed7451aa1777e9025070cc9ba00fb0e4c95bcaf6ce581fa6dbe25e0"},
    {16, "cf509cf7fdda451d9c2678acc8c64ca571af52f10c900dd82883e897813c34c2"},
    {17, "5d529437689cae3a4d333bf891aa533de3a3f16604cd802698c783fda8a8737c"},
    {17, "7ab40928a09305642d8591b0432fa4e92d89595138b1a5d8c3fb368d644adf1c"},
    {18, "d613b675b26beba7b9e089e43a6b059d59e96be2b0986c09cf21629bd4864737"},
    {18, "f9900d113770e168b2085af02398feb1834c8d700afe477bad5c8073a575b19b"},
    {19, "de32f9d168eee38035710d03482992d37382de76d57a918d586b9f63c4b4e4d1"},
};

int migrate_released_checksum(int version, const char *hex)
{
	size_t i;

	for (i = 0; i < sizeof(released) / sizeof(released[0]); i++)
		if (released[i].version == version && strcmp(released[i].sha256, hex) == 0)
			return 1;
	return 0;
}
