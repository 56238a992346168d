/*
 * sockprobe: reads socket options of a TCP socket that lives in another process, independently of Warren, Netty
 * and the JVM. It duplicates the process's socket descriptors with pidfd_getfd(2) (Linux 5.6+, needs
 * PTRACE_MODE_ATTACH, e.g. root), picks the one whose local port (and peer port, when given) match, and calls
 * getsockopt(2) on the duplicate for each option asked for.
 *
 *   sockprobe PID LOCAL_PORT PEER_PORT|0 SPEC...
 *   SPEC = LEVEL:OPTNAME        an int option, printed in decimal
 *        | LEVEL:OPTNAME:sLEN   a string option (such as TCP_CONGESTION), up to LEN bytes
 *        | LEVEL:OPTNAME:xLEN   a byte option, printed as LEN bytes of hex
 *
 * Output: one line "fd=N domain=D" for the socket found, then one line "SPEC=VALUE" per SPEC (or "SPEC=error:ERRNO").
 * Exit status: 0 found, 2 no such socket, 1 usage or system error.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

static int port_of(const struct sockaddr_storage *a) {
    if (a->ss_family == AF_INET) return ntohs(((const struct sockaddr_in *) a)->sin_port);
    if (a->ss_family == AF_INET6) return ntohs(((const struct sockaddr_in6 *) a)->sin6_port);
    return -1;
}

static void probe(int fd, int argc, char **argv) {
    for (int i = 4; i < argc; i++) {
        int level, optname;
        char kind = 'i';
        int len = 4;
        char *spec = argv[i];
        char *rest = NULL;
        level = (int) strtol(spec, &rest, 10);
        if (*rest != ':') { printf("%s=error:badspec\n", spec); continue; }
        optname = (int) strtol(rest + 1, &rest, 10);
        if (*rest == ':') { kind = rest[1]; len = atoi(rest + 2); }
        unsigned char buf[512];
        memset(buf, 0, sizeof(buf));
        socklen_t got = (socklen_t) (len > (int) sizeof(buf) ? (int) sizeof(buf) : len);
        if (getsockopt(fd, level, optname, buf, &got) != 0) {
            printf("%s=error:%d\n", spec, errno);
            continue;
        }
        if (kind == 'i') {
            int v;
            memcpy(&v, buf, sizeof(v));
            printf("%s=%d\n", spec, v);
        } else if (kind == 's') {
            buf[sizeof(buf) - 1] = 0;
            printf("%s=%s\n", spec, (char *) buf);
        } else {
            printf("%s=", spec);
            for (socklen_t b = 0; b < got; b++) printf("%02x", buf[b]);
            printf("\n");
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s PID LOCAL_PORT PEER_PORT|0 LEVEL:OPTNAME[:sLEN|:xLEN]...\n", argv[0]);
        return 1;
    }
    int pid = atoi(argv[1]);
    int local_port = atoi(argv[2]);
    int peer_port = atoi(argv[3]);
    int pidfd = (int) syscall(SYS_pidfd_open, pid, 0);
    if (pidfd < 0) { perror("pidfd_open"); return 1; }
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/fd", pid);
    DIR *dir = opendir(path);
    if (dir == NULL) { perror("opendir"); return 1; }
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.') continue;
        char link[512], target[128];
        snprintf(link, sizeof(link), "%s/%s", path, entry->d_name);
        ssize_t n = readlink(link, target, sizeof(target) - 1);
        if (n <= 0) continue;
        target[n] = 0;
        if (strncmp(target, "socket:", 7) != 0) continue;
        int remote_fd = atoi(entry->d_name);
        int fd = (int) syscall(SYS_pidfd_getfd, pidfd, remote_fd, 0);
        if (fd < 0) continue;
        int type = 0;
        socklen_t tl = sizeof(type);
        struct sockaddr_storage local, peer;
        socklen_t ll = sizeof(local), pl = sizeof(peer);
        if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tl) == 0 && type == SOCK_STREAM
                && getsockname(fd, (struct sockaddr *) &local, &ll) == 0 && port_of(&local) == local_port
                && getpeername(fd, (struct sockaddr *) &peer, &pl) == 0
                && (peer_port == 0 || port_of(&peer) == peer_port)) {
            printf("fd=%d domain=%d\n", remote_fd, local.ss_family);
            probe(fd, argc, argv);
            close(fd);
            closedir(dir);
            return 0;
        }
        close(fd);
    }
    closedir(dir);
    fprintf(stderr, "no connected TCP socket with local port %d in process %d\n", local_port, pid);
    return 2;
}
