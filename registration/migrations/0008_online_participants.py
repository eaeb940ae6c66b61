"""One online sign-up per conference: participants, and the details sent per session."""

import django.db.models.deletion
import registration.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0008_programme_releases'),
        ('registration', '0007_checkin_scan_id'),
    ]

    operations = [
        migrations.CreateModel(
            name='OnlineAnnouncement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('join_url', models.CharField(blank=True, max_length=500, verbose_name='join URL')),
                ('meeting_id', models.CharField(blank=True, max_length=50, verbose_name='meeting ID')),
                ('passcode', models.CharField(blank=True, max_length=50, verbose_name='passcode')),
                ('announced_at', models.DateTimeField(verbose_name='sent')),
            ],
            options={
                'verbose_name': 'online details sent',
                'verbose_name_plural': 'online details sent',
            },
        ),
        migrations.CreateModel(
            name='OnlineParticipant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, validators=[registration.validators.validate_no_markup], verbose_name='name')),
                ('email', models.EmailField(max_length=254, verbose_name='email')),
                ('organisation', models.CharField(blank=True, max_length=300, validators=[registration.validators.validate_no_markup], verbose_name='organisation')),
                ('language', models.CharField(choices=[('en', 'English'), ('ru', 'Russian')], default='en', max_length=2, verbose_name='language')),
                ('consent_at', models.DateTimeField(verbose_name='consent given')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='signed up')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
            ],
            options={
                'verbose_name': 'online participant',
                'verbose_name_plural': 'online participants',
                'ordering': ['conference', 'created_at', 'id'],
            },
        ),
        migrations.AddField(
            model_name='onlineannouncement',
            name='session',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='online_announcement', to='events.session', verbose_name='session'),
        ),
        migrations.AddField(
            model_name='onlineparticipant',
            name='conference',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='online_participants', to='events.conference', verbose_name='conference'),
        ),
        migrations.AddField(
            model_name='onlineparticipant',
            name='sessions',
            field=models.ManyToManyField(blank=True, help_text='None chosen: every session streamed online.', related_name='online_participants', to='events.session', verbose_name='sessions to follow'),
        ),
        migrations.AddConstraint(
            model_name='onlineparticipant',
            constraint=models.UniqueConstraint(fields=('conference', 'email'), name='online_participant_once_per_conference'),
        ),
    ]
