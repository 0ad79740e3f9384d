/*
 * spawn.c — fork, exec, wait (see spawn.h).
 */
#include "spawn.h"
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int spawn_wait(char *const argv[], const char *run_as, const char *log_path)
{
	char *wrapped[64];
	char *const *use = argv;
	pid_t pid;
	int status;

	if (run_as && geteuid() == 0) {
		size_t n = 0, i;

		wrapped[n++] = "runuser";
		wrapped[n++] = "-u";
		wrapped[n++] = (char *)run_as;
		wrapped[n++] = "--";
		for (i = 0; argv[i] && n < sizeof(wrapped) / sizeof(wrapped[0]) - 1; i++)
			wrapped[n++] = argv[i];
		wrapped[n] = NULL;
		use = wrapped;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		log_error("could not start \"%s\": %s", use[0], strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (log_path) {
			int fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

			if (fd >= 0) {
				dup2(fd, STDOUT_FILENO);
				dup2(fd, STDERR_FILENO);
			}
		}
		execvp(use[0], use);
		fprintf(stderr, "gbetl: error: could not execute \"%s\": %s\n", use[0],
		        strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			log_error("could not wait for \"%s\": %s", use[0], strerror(errno));
			return -1;
		}
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return -1;
}
