/**
 * A Django app `shop` with one model, Order, and a migration that indexes it by status: MIG020's
 * Django fix is tested on it in process (MIG020-django-fix.test.ts) and run by a real Django on
 * PostgreSQL (packages/cli/test/db/django-fix-on-real-django.test.ts).
 */
export const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("status", models.CharField(max_length=20)),
            ],
        ),
    ]
`;
export const ADD_INDEX = `migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["status"], name="order_status_idx"),
        )`;
/** A second migration of `shop` with these operations (`head`: lines of the class before them). */
export const migration = (
  operations: string,
  head = '',
  imports = 'from django.db import migrations, models\n',
) =>
  `${imports}

class Migration(migrations.Migration):
${head}    dependencies = [("shop", "0001_initial")]

    operations = [
        ${operations},
    ]
`;
