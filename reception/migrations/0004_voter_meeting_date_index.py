from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reception", "0003_schedule_checks"),
    ]

    operations = [
        migrations.AlterField(
            model_name="votermeeting",
            name="date",
            field=models.DateField(db_index=True, verbose_name="date"),
        ),
    ]
